package io.skybridge.contracts.failover;

import io.skybridge.contracts.common.ResourceAmount;

/**
 * One workload the plan moves out of the failed cloud.
 *
 * @param workloadId &lt;namespace&gt;/&lt;kind&gt;/&lt;name&gt;.
 * @param replicas Replicas to move.
 * @param perReplica Requests of one replica.
 * @param priority Move order: higher first.
 * @param targetCloud Cloud the replicas move to.
 * @param wave 0: fits the surviving cloud's headroom and moves at once; 1: moves as surge nodes become Ready. Optional (null when absent).
 */
public record PlannedMove(
        String workloadId,
        int replicas,
        ResourceAmount perReplica,
        int priority,
        String targetCloud,
        Integer wave) {
}

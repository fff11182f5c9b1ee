package io.skybridge.contracts.failover;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * Preferred placement is restored in the recovered cloud and the surge capacity released.
 *
 * @param incidentId Incident id (for a drill: the drill id).
 * @param epoch Fencing epoch of the incident (monotonic); actions with a stale epoch are refused.
 * @param cloud Recovered cloud.
 * @param automatic Policy automatic (false: requested by an operator).
 * @param workloadsRestored Workloads back on their preferred cloud.
 * @param nodesReleased Surge nodes scaled down.
 * @param completedAt RFC 3339 timestamp (UTC).
 */
public record FailbackCompleted(
        String incidentId,
        long epoch,
        String cloud,
        boolean automatic,
        int workloadsRestored,
        int nodesReleased,
        Instant completedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return incidentId;
    }
}

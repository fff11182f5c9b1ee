package io.skybridge.contracts.failover;

import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.common.ResourceAmount;

import java.time.Instant;
import java.util.List;

/**
 * The plan, published before anything is touched (also the answer to a drill).
 *
 * @param incidentId Incident id (for a drill: the drill id).
 * @param epoch Fencing epoch (0 for a dry-run drill).
 * @param from Failed cloud.
 * @param to Surviving cloud.
 * @param dryRun True for a drill: nothing will be done.
 * @param moves Workloads to move, in priority order.
 * @param deficit Capacity missing in the surviving cloud.
 * @param nodeRequests Node pool scale-ups covering the deficit.
 * @param estimatedRtoSeconds Estimated time to all Ready.
 * @param computedAt RFC 3339 timestamp (UTC).
 */
public record FailoverPlanComputed(
        String incidentId,
        long epoch,
        String from,
        String to,
        boolean dryRun,
        List<PlannedMove> moves,
        ResourceAmount deficit,
        List<PlannedNodeRequest> nodeRequests,
        int estimatedRtoSeconds,
        Instant computedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return incidentId;
    }
}

package io.skybridge.contracts.failover;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * Every workload of the plan runs in the surviving cloud (or as far as capacity allowed, when degraded).
 *
 * @param incidentId Incident id (for a drill: the drill id).
 * @param epoch Fencing epoch of the incident (monotonic); actions with a stale epoch are refused.
 * @param from Failed cloud.
 * @param to Surviving cloud.
 * @param workloadsMigrated Workloads migrated.
 * @param degraded The capacity step timed out and the moves went on with what existed.
 * @param timeline When each stage happened.
 * @param rtoMillis Declaration to all Ready, in milliseconds.
 * @param completedAt RFC 3339 timestamp (UTC).
 * @param rtoMillisByPriority Declaration to all Ready of the workloads of each priority (key: the priority), in milliseconds. Optional (null when absent).
 */
public record FailoverCompleted(
        String incidentId,
        long epoch,
        String from,
        String to,
        int workloadsMigrated,
        boolean degraded,
        FailoverTimeline timeline,
        long rtoMillis,
        Instant completedAt,
        java.util.Map<String, Long> rtoMillisByPriority) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return incidentId;
    }
}

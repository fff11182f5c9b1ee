package io.skybridge.contracts.failover;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * Execution of a plan began (the epoch is fenced).
 *
 * @param incidentId Incident id (for a drill: the drill id).
 * @param epoch Fencing epoch of the incident (monotonic); actions with a stale epoch are refused.
 * @param from Failed cloud.
 * @param to Surviving cloud.
 * @param workloadsToMove Workloads in the plan.
 * @param startedAt RFC 3339 timestamp (UTC).
 */
public record FailoverStarted(
        String incidentId,
        long epoch,
        String from,
        String to,
        int workloadsToMove,
        Instant startedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return incidentId;
    }
}

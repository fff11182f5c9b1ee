package io.skybridge.contracts.failover;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * A cloud is healthy again (after the stabilisation window, or by an operator).
 *
 * @param incidentId Incident id (for a drill: the drill id).
 * @param cloud Cloud: aws or gcp.
 * @param region Only this region, when set. Optional (null when absent).
 * @param epoch Fencing epoch of the incident (monotonic); actions with a stale epoch are refused.
 * @param manual Cleared by an operator.
 * @param clearedBy Operator principal or 'detector'.
 * @param reason Why. Optional (null when absent).
 * @param healthySince Start of the healthy stabilisation window. Optional (null when absent).
 * @param clearedAt RFC 3339 timestamp (UTC).
 */
public record OutageCleared(
        String incidentId,
        String cloud,
        String region,
        long epoch,
        boolean manual,
        String clearedBy,
        String reason,
        Instant healthySince,
        Instant clearedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return incidentId;
    }
}

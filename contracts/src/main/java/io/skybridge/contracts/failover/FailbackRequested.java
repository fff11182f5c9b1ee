package io.skybridge.contracts.failover;

import io.skybridge.contracts.SkybridgeMessage;

/**
 * Restore preferred placement after an incident (policy manual).
 *
 * @param incidentId Incident id (for a drill: the drill id).
 * @param epoch Fencing epoch the requester saw; refused when stale. Optional (null when absent).
 * @param reason Why. Optional (null when absent).
 */
public record FailbackRequested(
        String incidentId,
        Long epoch,
        String reason) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return incidentId;
    }
}

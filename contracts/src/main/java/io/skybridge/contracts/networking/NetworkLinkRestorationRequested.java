package io.skybridge.contracts.networking;

import io.skybridge.contracts.SkybridgeMessage;

/**
 * Bring an isolated link back.
 *
 * @param linkId Link id.
 * @param reason Why.
 * @param incidentId Incident that asks for it, when sent by failover. Optional (null when absent).
 * @param epoch Fencing epoch of that incident, when sent by failover. Optional (null when absent).
 */
public record NetworkLinkRestorationRequested(
        String linkId,
        String reason,
        String incidentId,
        Long epoch) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return linkId;
    }
}

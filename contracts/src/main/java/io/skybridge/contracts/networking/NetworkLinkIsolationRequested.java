package io.skybridge.contracts.networking;

import io.skybridge.contracts.SkybridgeMessage;

/**
 * Take a link down within seconds without deleting it, because {@code compromisedCloud} is not to be trusted; only the other side carries it out.
 *
 * @param linkId Link id.
 * @param compromisedCloud The cloud that is cut off (its side is not trusted).
 * @param reason Why.
 * @param incidentId Incident that asks for it, when sent by failover. Optional (null when absent).
 * @param epoch Fencing epoch of that incident, when sent by failover. Optional (null when absent).
 */
public record NetworkLinkIsolationRequested(
        String linkId,
        String compromisedCloud,
        String reason,
        String incidentId,
        Long epoch) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return linkId;
    }
}

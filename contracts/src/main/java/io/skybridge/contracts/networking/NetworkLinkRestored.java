package io.skybridge.contracts.networking;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * An isolated link carries traffic again.
 *
 * @param linkId Link id.
 * @param tunnelsUp Tunnels up.
 * @param tunnelsTotal Tunnels of the link.
 * @param incidentId Incident that asked for it. Optional (null when absent).
 * @param restoredAt RFC 3339 timestamp (UTC).
 */
public record NetworkLinkRestored(
        String linkId,
        int tunnelsUp,
        int tunnelsTotal,
        String incidentId,
        Instant restoredAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return linkId;
    }
}

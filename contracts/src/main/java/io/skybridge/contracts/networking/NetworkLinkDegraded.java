package io.skybridge.contracts.networking;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;
import java.util.List;

/**
 * The count of up tunnels fell below the link's threshold.
 *
 * @param linkId Link id.
 * @param tunnelsUp Tunnels up.
 * @param tunnelsTotal Tunnels of the link.
 * @param downTunnelIds Ids of the tunnels that are down.
 * @param observedAt RFC 3339 timestamp (UTC).
 */
public record NetworkLinkDegraded(
        String linkId,
        int tunnelsUp,
        int tunnelsTotal,
        List<String> downTunnelIds,
        Instant observedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return linkId;
    }
}

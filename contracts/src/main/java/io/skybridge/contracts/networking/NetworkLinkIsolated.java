package io.skybridge.contracts.networking;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;
import java.util.List;

/**
 * A link is isolated: tunnels disabled on the trusted side and the peer CIDR denied.
 *
 * @param linkId Link id.
 * @param compromisedCloud The cloud that was cut off.
 * @param tunnelsDisabled Tunnels disabled.
 * @param denyRules Deny rules added on the trusted side.
 * @param incidentId Incident that asked for it. Optional (null when absent).
 * @param isolatedAt RFC 3339 timestamp (UTC).
 */
public record NetworkLinkIsolated(
        String linkId,
        String compromisedCloud,
        int tunnelsDisabled,
        List<String> denyRules,
        String incidentId,
        Instant isolatedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return linkId;
    }
}

package io.skybridge.contracts.networking;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * One tunnel of a link changed status, as seen from one cloud.
 *
 * @param linkId Link id.
 * @param tunnelId Tunnel id.
 * @param cloud Side that reported it.
 * @param previousStatus Status before; absent on the first observation. Optional (null when absent).
 * @param status Normalised status.
 * @param providerStatus Provider's raw status (VgwTelemetry UP/DOWN, vpnTunnels ESTABLISHED, NO_INCOMING_PACKETS, …). Optional (null when absent).
 * @param observedAt RFC 3339 timestamp (UTC).
 */
public record TunnelStatusChanged(
        String linkId,
        String tunnelId,
        String cloud,
        String previousStatus,
        String status,
        String providerStatus,
        Instant observedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return linkId;
    }
}

package io.skybridge.contracts.networking;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * A link and everything it created are gone.
 *
 * @param linkId Link id.
 * @param resourcesDeleted Cloud resources deleted.
 * @param tornDownAt RFC 3339 timestamp (UTC).
 */
public record NetworkLinkTornDown(
        String linkId,
        int resourcesDeleted,
        Instant tornDownAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return linkId;
    }
}

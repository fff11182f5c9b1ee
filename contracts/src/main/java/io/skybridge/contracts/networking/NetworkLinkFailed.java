package io.skybridge.contracts.networking;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * Building a link failed at {@code step}; what was created was retried or compensated.
 *
 * @param linkId Link id.
 * @param reason Typed failure reason.
 * @param step Saga step that failed.
 * @param message Provider's message (no secret). Optional (null when absent).
 * @param compensated True when everything created was deleted again.
 * @param failedAt RFC 3339 timestamp (UTC).
 */
public record NetworkLinkFailed(
        String linkId,
        String reason,
        String step,
        String message,
        boolean compensated,
        Instant failedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return linkId;
    }
}

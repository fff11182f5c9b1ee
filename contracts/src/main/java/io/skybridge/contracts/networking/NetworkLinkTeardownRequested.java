package io.skybridge.contracts.networking;

import io.skybridge.contracts.SkybridgeMessage;

/**
 * Remove everything a link created, in reverse order.
 *
 * @param linkId Link id.
 * @param reason Why, for the audit trail. Optional (null when absent).
 */
public record NetworkLinkTeardownRequested(
        String linkId,
        String reason) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return linkId;
    }
}

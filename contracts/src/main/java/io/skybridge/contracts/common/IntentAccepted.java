package io.skybridge.contracts.common;

import io.skybridge.contracts.SkybridgeMessage;

/** An intent passed validation and was recorded; its work is under way for {@code targetId}. */
public record IntentAccepted(
        String intentId,
        String intentType,
        String targetId) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return targetId;
    }
}

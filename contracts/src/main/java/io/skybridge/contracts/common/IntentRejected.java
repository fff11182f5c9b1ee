package io.skybridge.contracts.common;

import io.skybridge.contracts.SkybridgeMessage;

import java.util.List;

/**
 * An intent (or an undecodable record on an intents topic) was refused. Published on the events
 * topic of the service that owns the intents topic. {@code intentId} is the rejected record's
 * {@code ce_id}, or its Kafka key when it had none.
 */
public record IntentRejected(
        String intentId,
        String intentType,
        String reason,
        List<String> violations) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return intentId;
    }
}

package io.skybridge.shared.messaging;

import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.SkybridgeMessage;

/** A decoded, validated record: its envelope, its catalogue type and its payload. */
public record InboundMessage<T extends SkybridgeMessage>(
        String topic,
        String key,
        EventMetadata metadata,
        MessageType type,
        T payload) {
}

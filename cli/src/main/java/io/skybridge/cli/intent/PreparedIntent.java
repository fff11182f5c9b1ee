package io.skybridge.cli.intent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageType;

/** A validated intent, ready to send: its type, payload, CloudEvents attributes and Kafka key. */
public record PreparedIntent(MessageType type, ObjectNode payload, EventMetadata metadata) {
    public String id() {
        return metadata.id();
    }

    public String key() {
        return metadata.subject();
    }

    public String topic() {
        return type.topic();
    }

    /** The trace this intent starts (its story's spans in every service share it). */
    public String traceId() {
        return TraceContext.traceId(metadata.traceparent());
    }
}

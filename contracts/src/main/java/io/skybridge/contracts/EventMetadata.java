package io.skybridge.contracts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvents attributes of one message, and the W3C trace context ({@code traceparent}) of the span that sent
 * it (null when the sender does not trace).
 */
public record EventMetadata(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String correlationId,
        String causationId,
        String principal,
        String traceparent) {

    /** Without a trace context. */
    public EventMetadata(String id, String type, String source, String subject, Instant time, String correlationId,
                         String causationId, String principal) {
        this(id, type, source, subject, time, correlationId, causationId, principal, null);
    }

    public EventMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
    }

    /** Metadata for a brand-new intent: it starts its own story (correlation = causation = its id). */
    public static EventMetadata newIntent(MessageType type, String subject, String source, String principal) {
        String id = UUID.randomUUID().toString();
        return new EventMetadata(id, type.ceType(), source, subject, Instant.now(), id, id, principal);
    }

    /** Metadata for a message caused by {@code cause}: same correlation, causation = the cause's id. */
    public static EventMetadata causedBy(EventMetadata cause, MessageType type, String subject, String source) {
        return causedBy(cause, type, subject, source, UUID.randomUUID().toString());
    }

    /** The same with a given id (a deterministic id: a message sent again is the same message to its consumers). */
    public static EventMetadata causedBy(EventMetadata cause, MessageType type, String subject, String source, String id) {
        String correlation = cause.correlationId() != null ? cause.correlationId() : cause.id();
        return new EventMetadata(id, type.ceType(), source, subject, Instant.now(), correlation, cause.id(),
                cause.principal(), cause.traceparent());
    }

    /** The same attributes, sent from the span {@code traceparent} names (W3C trace context; null: none). */
    public EventMetadata withTraceparent(String traceparent) {
        return new EventMetadata(id, type, source, subject, time, correlationId, causationId, principal, traceparent);
    }

    /** The {@code ce_*} headers (binary content mode), in a stable order. */
    public Map<String, String> toHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        h.put(CloudEventHeaders.ID, id);
        h.put(CloudEventHeaders.TYPE, type);
        h.put(CloudEventHeaders.SOURCE, source);
        if (subject != null) {
            h.put(CloudEventHeaders.SUBJECT, subject);
        }
        if (time != null) {
            h.put(CloudEventHeaders.TIME, time.toString());
        }
        if (correlationId != null) {
            h.put(CloudEventHeaders.CORRELATION_ID, correlationId);
        }
        if (causationId != null) {
            h.put(CloudEventHeaders.CAUSATION_ID, causationId);
        }
        if (principal != null) {
            h.put(CloudEventHeaders.PRINCIPAL, principal);
        }
        h.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        if (traceparent != null) {
            h.put(CloudEventHeaders.TRACEPARENT, traceparent);
        }
        return h;
    }

    /**
     * Reads the attributes back from headers.
     *
     * @throws IllegalArgumentException naming the first missing or malformed required attribute
     */
    public static EventMetadata fromHeaders(Map<String, String> h) {
        String spec = h.get(CloudEventHeaders.SPEC_VERSION);
        if (spec != null && !CloudEventHeaders.SPEC_VERSION_VALUE.equals(spec)) {
            throw new IllegalArgumentException("unsupported ce_specversion '" + spec + "' (expected 1.0)");
        }
        String id = require(h, CloudEventHeaders.ID);
        String type = require(h, CloudEventHeaders.TYPE);
        String source = require(h, CloudEventHeaders.SOURCE);
        Instant time = null;
        String t = h.get(CloudEventHeaders.TIME);
        if (t != null) {
            try {
                time = Instant.parse(t);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("ce_time '" + t + "' is not an RFC 3339 timestamp");
            }
        }
        return new EventMetadata(id, type, source, h.get(CloudEventHeaders.SUBJECT), time,
                h.getOrDefault(CloudEventHeaders.CORRELATION_ID, id),
                h.getOrDefault(CloudEventHeaders.CAUSATION_ID, id),
                h.get(CloudEventHeaders.PRINCIPAL), h.get(CloudEventHeaders.TRACEPARENT));
    }

    private static String require(Map<String, String> h, String name) {
        String v = h.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing CloudEvents header " + name);
        }
        return v;
    }
}

package io.skybridge.contracts;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes travel as {@code ce_*}
 * headers (UTF-8 strings) and the value is the plain JSON payload.
 */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    /** Extension: the id shared by every message of one intent's story. */
    public static final String CORRELATION_ID = "ce_correlationid";
    /** Extension: the id of the message that caused this one. */
    public static final String CAUSATION_ID = "ce_causationid";
    /** Extension: who asked (user, service account or service). */
    public static final String PRINCIPAL = "ce_principal";
    /**
     * W3C Trace Context of the span that sent the record ({@code 00-<trace id>-<span id>-<flags>}), the header
     * OpenTelemetry's Kafka instrumentation uses; the outbox stores it with the row and the relay restores it.
     */
    public static final String TRACEPARENT = "traceparent";
    /** {@code datacontenttype} maps to the Kafka {@code content-type} header. */
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    /** Dead-letter headers added when a record is moved to {@code <topic>.dlq}. */
    public static final String DLQ_REASON = "dead-letter-reason";
    public static final String DLQ_CAUSE = "dead-letter-cause";
    public static final String DLQ_TOPIC = "dead-letter-topic";
    public static final String DLQ_PARTITION = "dead-letter-partition";
    public static final String DLQ_OFFSET = "dead-letter-offset";

    private CloudEventHeaders() {
    }
}

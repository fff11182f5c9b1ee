package io.skybridge.shared.messaging;

/** Why an inbound record was refused. Sent as {@code IntentRejected.reason} and the DLQ reason header. */
public enum RejectionReason {
    /** Larger than {@code skybridge.messaging.max-record-bytes}. */
    RECORD_TOO_LARGE,
    /** Missing or malformed CloudEvents headers. */
    INVALID_ENVELOPE,
    /** The {@code ce_type} is not in the catalogue for this topic. */
    UNKNOWN_TYPE,
    /** The value is not JSON. */
    MALFORMED_JSON,
    /** The JSON does not match the message's schema. */
    SCHEMA_VIOLATION,
    /** Valid JSON that does not map onto the message record. */
    UNDECODABLE,
    /** A known intent that this service does not handle. */
    UNSUPPORTED_INTENT,
    /** A well-formed intent refused by the service's rules (e.g. overlapping CIDRs). */
    POLICY_VIOLATION;

    /** Whether the record itself is bad (dead-lettered) rather than refused on its merits. */
    public boolean isPoison() {
        return this != POLICY_VIOLATION && this != UNSUPPORTED_INTENT;
    }
}

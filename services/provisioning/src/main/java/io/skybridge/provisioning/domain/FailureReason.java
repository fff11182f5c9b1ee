package io.skybridge.provisioning.domain;

/** Why a node could not be provisioned (the {@code reason} of {@code NodeProvisioningFailed}). */
public enum FailureReason {
    /** No capacity for the machine type in the zone: try the next zone, then the fallback types. */
    CAPACITY,
    QUOTA,
    /** Rate limited: retried with bounded exponential backoff, then given up. */
    THROTTLED,
    INVALID_REQUEST,
    /** The cloud API is dark or unreachable: fail fast. */
    PROVIDER_UNAVAILABLE,
    JOIN_TIMEOUT
}

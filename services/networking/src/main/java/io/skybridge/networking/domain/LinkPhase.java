package io.skybridge.networking.domain;

/** Where a link is in its life. */
public enum LinkPhase {
    REQUESTED,
    PROVISIONING,
    ESTABLISHED,
    DEGRADED,
    FAILED,
    TEARING_DOWN,
    TORN_DOWN
}

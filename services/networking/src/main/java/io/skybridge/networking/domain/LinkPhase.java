package io.skybridge.networking.domain;

/** Where a link is in its life. */
public enum LinkPhase {
    REQUESTED,
    PROVISIONING,
    /** Every resource exists; waiting for tunnels to come up. */
    PROVISIONED,
    ESTABLISHED,
    DEGRADED,
    FAILED,
    /** Isolation requested: the surviving side is cutting the link. */
    ISOLATING,
    /** Cut off from a compromised cloud: no tunnel, the peer CIDR denied; nothing deleted. */
    ISOLATED,
    /** Restoration requested: the link is being rebuilt where isolation cut it. */
    RESTORING,
    TEARING_DOWN,
    TORN_DOWN;

    /** Phases whose tunnels are watched. */
    public boolean monitored() {
        return this == PROVISIONED || this == ESTABLISHED || this == DEGRADED;
    }
}

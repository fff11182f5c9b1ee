package io.skybridge.contracts.failover;

import io.skybridge.contracts.SkybridgeMessage;

/**
 * An operator declares a cloud (or one region of it, when {@code region} is set) out. {@code kind} is
 * {@code OUTAGE} (default when null) or {@code COMPROMISE} (the cloud account is not to be trusted).
 */
public record OutageDeclarationRequested(
        String cloud,
        String region,
        String reason,
        String kind) implements SkybridgeMessage {

    public static final String OUTAGE = "OUTAGE";
    public static final String COMPROMISE = "COMPROMISE";

    /** An OUTAGE declaration. */
    public OutageDeclarationRequested(String cloud, String region, String reason) {
        this(cloud, region, reason, null);
    }

    /** The kind, defaulting to OUTAGE. */
    public String effectiveKind() {
        return kind == null ? OUTAGE : kind;
    }

    @Override
    public String aggregateId() {
        return cloud;
    }
}

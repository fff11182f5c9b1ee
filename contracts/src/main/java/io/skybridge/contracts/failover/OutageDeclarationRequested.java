package io.skybridge.contracts.failover;

import io.skybridge.contracts.SkybridgeMessage;

/** An operator declares a cloud (or one region of it, when {@code region} is set) out. */
public record OutageDeclarationRequested(
        String cloud,
        String region,
        String reason) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return cloud;
    }
}

package io.skybridge.contracts.failover;

import io.skybridge.contracts.SkybridgeMessage;

/**
 * An operator declares a cloud (or one region of it) healthy again.
 *
 * @param cloud Cloud declared healthy.
 * @param region Only this region, when set. Optional (null when absent).
 * @param reason Why.
 */
public record OutageClearanceRequested(
        String cloud,
        String region,
        String reason) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return cloud;
    }
}

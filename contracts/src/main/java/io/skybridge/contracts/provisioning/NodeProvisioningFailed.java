package io.skybridge.contracts.provisioning;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * A node could not be provisioned (or did not join in time, and its VM was terminated).
 *
 * @param nodeId Node id.
 * @param poolId Pool.
 * @param cloud Cloud: aws or gcp.
 * @param region Region.
 * @param zone Last zone tried. Optional (null when absent).
 * @param machineType Last machine type tried. Optional (null when absent).
 * @param reason Typed failure reason.
 * @param message Provider's message. Optional (null when absent).
 * @param attempts Attempts made (zones x machine types x retries).
 * @param failedAt RFC 3339 timestamp (UTC).
 */
public record NodeProvisioningFailed(
        String nodeId,
        String poolId,
        String cloud,
        String region,
        String zone,
        String machineType,
        String reason,
        String message,
        int attempts,
        Instant failedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return nodeId;
    }
}

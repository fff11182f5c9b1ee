package io.skybridge.contracts.inventory;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * The cloud and the cluster disagree with what Skybridge asked for.
 *
 * @param cloud Cloud: aws or gcp.
 * @param region Region.
 * @param kind What drifted.
 * @param instanceId The VM, for UNREQUESTED_VM. Optional (null when absent).
 * @param nodeId The Node, for NODE_WITHOUT_VM. Optional (null when absent).
 * @param detail Human detail.
 * @param detectedAt RFC 3339 timestamp (UTC).
 */
public record DriftDetected(
        String cloud,
        String region,
        String kind,
        String instanceId,
        String nodeId,
        String detail,
        Instant detectedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return cloud + ":" + (instanceId != null ? instanceId : nodeId);
    }
}

package io.skybridge.contracts.provisioning;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * A provisioned VM registered as a Kubernetes Node.
 *
 * @param nodeId Node id (= Kubernetes Node name).
 * @param poolId Pool.
 * @param cloud Cloud: aws or gcp.
 * @param region Region.
 * @param zone Zone.
 * @param instanceId Instance id.
 * @param providerId Node spec.providerID.
 * @param joinedAt RFC 3339 timestamp (UTC).
 */
public record NodeJoined(
        String nodeId,
        String poolId,
        String cloud,
        String region,
        String zone,
        String instanceId,
        String providerId,
        Instant joinedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return nodeId;
    }
}

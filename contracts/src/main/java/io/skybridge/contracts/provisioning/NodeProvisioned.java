package io.skybridge.contracts.provisioning;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * The VM of a node is running (it has not joined the cluster yet).
 *
 * @param nodeId Node id.
 * @param poolId Pool.
 * @param cloud Cloud: aws or gcp.
 * @param region Region.
 * @param zone Zone.
 * @param instanceId EC2 instance id or GCE instance id.
 * @param machineType Machine type actually used.
 * @param privateIp Private IPv4 address. Optional (null when absent).
 * @param provisionedAt RFC 3339 timestamp (UTC).
 */
public record NodeProvisioned(
        String nodeId,
        String poolId,
        String cloud,
        String region,
        String zone,
        String instanceId,
        String machineType,
        String privateIp,
        Instant provisionedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return nodeId;
    }
}

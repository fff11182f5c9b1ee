package io.skybridge.contracts.provisioning;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * A VM was requested from the cloud for one node of a pool.
 *
 * @param nodeId Node id: the VM name, also the Kubernetes Node name.
 * @param poolId Pool.
 * @param intentId ce_id of the intent that asked for it.
 * @param cloud Cloud: aws or gcp.
 * @param region Region.
 * @param zone Zone.
 * @param machineType Machine type.
 * @param startedAt RFC 3339 timestamp (UTC).
 */
public record NodeProvisioningStarted(
        String nodeId,
        String poolId,
        String intentId,
        String cloud,
        String region,
        String zone,
        String machineType,
        Instant startedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return nodeId;
    }
}

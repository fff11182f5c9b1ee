package io.skybridge.contracts.provisioning;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * A node was drained (when asked) and its VM terminated.
 *
 * @param nodeId Node id.
 * @param poolId Pool.
 * @param cloud Cloud: aws or gcp.
 * @param instanceId Instance id, when a VM existed. Optional (null when absent).
 * @param drained Pods were evicted before termination.
 * @param decommissionedAt RFC 3339 timestamp (UTC).
 */
public record NodeDecommissioned(
        String nodeId,
        String poolId,
        String cloud,
        String instanceId,
        boolean drained,
        Instant decommissionedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return nodeId;
    }
}

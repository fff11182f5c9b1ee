package io.skybridge.contracts.inventory;

import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.common.ResourceAmount;

import java.time.Instant;

/**
 * A cloud's headroom moved by more than the configured step.
 *
 * @param cloud Cloud: aws or gcp.
 * @param allocatable Allocatable on Ready nodes.
 * @param requested Requested by pods on those nodes.
 * @param headroom allocatable - requested.
 * @param nodes Nodes in the cloud.
 * @param readyNodes Ready nodes.
 * @param observedAt RFC 3339 timestamp (UTC).
 */
public record CapacityChanged(
        String cloud,
        ResourceAmount allocatable,
        ResourceAmount requested,
        ResourceAmount headroom,
        int nodes,
        int readyNodes,
        Instant observedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return cloud;
    }
}

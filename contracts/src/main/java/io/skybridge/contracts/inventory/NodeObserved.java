package io.skybridge.contracts.inventory;

import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.common.ResourceAmount;
import io.skybridge.contracts.common.Taint;

import java.time.Instant;
import java.util.List;

/**
 * Inventory's view of a Kubernetes Node changed (status, cordon, taints, capacity).
 *
 * @param nodeId Kubernetes Node name.
 * @param cloud Cloud: aws or gcp.
 * @param region Region.
 * @param zone Zone. Optional (null when absent).
 * @param poolId Skybridge pool, when managed. Optional (null when absent).
 * @param instanceId VM instance id, when known. Optional (null when absent).
 * @param machineType Machine type, when known. Optional (null when absent).
 * @param status Node Ready condition.
 * @param cordoned spec.unschedulable.
 * @param taints Node taints.
 * @param allocatable Allocatable resources.
 * @param requested Sum of the requests of the pods on it.
 * @param observedAt RFC 3339 timestamp (UTC).
 */
public record NodeObserved(
        String nodeId,
        String cloud,
        String region,
        String zone,
        String poolId,
        String instanceId,
        String machineType,
        String status,
        boolean cordoned,
        List<Taint> taints,
        ResourceAmount allocatable,
        ResourceAmount requested,
        Instant observedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return nodeId;
    }
}

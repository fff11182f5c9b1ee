package io.skybridge.contracts.failover;

/**
 * Extra nodes the plan asks of a node pool (sent as NodePoolScaleRequested).
 *
 * @param poolId Node pool id.
 * @param cloud Cloud: aws or gcp.
 * @param region Region.
 * @param machineType Machine type the deficit was bin-packed onto.
 * @param additionalNodes Nodes to add to the pool.
 */
public record PlannedNodeRequest(
        String poolId,
        String cloud,
        String region,
        String machineType,
        int additionalNodes) {
}

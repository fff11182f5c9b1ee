package io.skybridge.contracts.provisioning;

import io.skybridge.contracts.SkybridgeMessage;

/**
 * Drain (cordon + evict) and terminate one node of a pool.
 *
 * @param nodeId Node id: the VM name, also the Kubernetes Node name.
 * @param poolId Pool of the node.
 * @param drain Cordon and evict through the eviction API before terminating.
 * @param reason Why. Optional (null when absent).
 * @param incidentId Incident that asks for it, when sent by failover. Optional (null when absent).
 * @param epoch Fencing epoch of that incident, when sent by failover. Optional (null when absent).
 */
public record NodeDecommissionRequested(
        String nodeId,
        String poolId,
        boolean drain,
        String reason,
        String incidentId,
        Long epoch) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return nodeId;
    }
}

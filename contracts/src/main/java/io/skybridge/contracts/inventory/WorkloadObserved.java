package io.skybridge.contracts.inventory;

import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.common.ResourceAmount;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Inventory's view of a managed workload changed (replicas, placement, policy).
 *
 * @param workloadId &lt;namespace&gt;/&lt;kind&gt;/&lt;name&gt;.
 * @param namespace Namespace.
 * @param name Name.
 * @param kind Workload kind.
 * @param replicas Desired replicas.
 * @param readyReplicas Ready replicas.
 * @param perReplica Requests of one replica.
 * @param priority Priority (higher moves first).
 * @param allowedClouds Clouds the workload may run in.
 * @param preferredCloud Preferred cloud, when set. Optional (null when absent).
 * @param placement Replicas running per cloud now.
 * @param observedAt RFC 3339 timestamp (UTC).
 */
public record WorkloadObserved(
        String workloadId,
        String namespace,
        String name,
        String kind,
        int replicas,
        int readyReplicas,
        ResourceAmount perReplica,
        int priority,
        List<String> allowedClouds,
        String preferredCloud,
        Map<String, Integer> placement,
        Instant observedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return workloadId;
    }
}

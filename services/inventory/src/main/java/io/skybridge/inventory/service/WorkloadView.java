package io.skybridge.inventory.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.common.ResourceAmount;
import io.skybridge.contracts.inventory.WorkloadObserved;
import io.skybridge.inventory.domain.Workload;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A managed workload with its failover policy and the replicas running per cloud now. */
public record WorkloadView(String workloadId, String namespace, String name, String kind, int replicas,
                           int readyReplicas, ResourceAmount perReplica, int priority, List<String> allowedClouds,
                           String preferredCloud, Map<String, Integer> placement) {
    private static final TypeReference<Map<String, Integer>> PLACEMENT = new TypeReference<>() {
    };

    public static WorkloadView of(Workload w) {
        try {
            return new WorkloadView(w.id, w.namespace, w.name, w.kind, w.replicas, w.readyReplicas,
                    new ResourceAmount(w.cpuPerReplica, w.memoryPerReplica), w.priority,
                    List.of(w.allowedClouds.split(",")), w.preferredCloud,
                    ContractJson.mapper().readValue(w.placement, PLACEMENT));
        } catch (Exception e) {
            throw new IllegalStateException("bad placement of " + w.id, e);
        }
    }

    public boolean runsIn(String cloud) {
        return placement.getOrDefault(cloud, 0) > 0;
    }

    public WorkloadObserved toEvent() {
        return new WorkloadObserved(workloadId, namespace, name, kind, replicas, readyReplicas, perReplica, priority,
                allowedClouds, preferredCloud, placement, Instant.now());
    }
}

package io.skybridge.failover.planning;

import java.util.Map;
import java.util.Set;

/**
 * A managed workload as the planner sees it: how many replicas run in each cloud, what one replica
 * requests, its priority (higher moves first) and the clouds its policy allows.
 */
public record WorkloadState(String id, Map<String, Integer> replicasByCloud, long cpuMillis, long memoryBytes,
                            int priority, Set<String> allowedClouds) {

    public int replicasIn(String cloud) {
        return replicasByCloud.getOrDefault(cloud, 0);
    }
}

package io.skybridge.failover.planning;

import java.util.List;

/**
 * @param moves        replicas to move, highest priority first
 * @param refused      workloads whose policy does not allow the surviving cloud (left where they are)
 * @param deficitCpuMillis / deficitMemoryBytes what the existing free capacity could not hold
 * @param additionalNodes new nodes of the surge pool needed (bin-packed), capped by the pool's max
 * @param unplaced     replicas that fit nowhere even with the new nodes (pool max reached or too big)
 */
public record FailoverPlan(String from, String to, List<Move> moves, List<String> refused, long deficitCpuMillis,
                           long deficitMemoryBytes, int additionalNodes, int unplaced) {

    public record Move(String workloadId, int replicas, long cpuMillis, long memoryBytes, int priority) {
    }
}

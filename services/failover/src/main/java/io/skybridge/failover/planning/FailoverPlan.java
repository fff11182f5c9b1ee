package io.skybridge.failover.planning;

import java.util.List;

/**
 * @param moves        replicas to move, highest priority first; each with its wave (0: fits the surviving cloud's
 *                     headroom now, in priority order; 1: waits for surge nodes)
 * @param refused      workloads whose policy does not allow the surviving cloud (left where they are)
 * @param deficitCpuMillis / deficitMemoryBytes what the existing free capacity could not hold
 * @param additionalNodes new nodes of the surge pool needed (bin-packed), capped by the pool's max
 * @param unplaced     replicas that fit nowhere even with the new nodes (pool max reached or too big)
 */
public record FailoverPlan(String from, String to, List<Move> moves, List<String> refused, long deficitCpuMillis,
                           long deficitMemoryBytes, int additionalNodes, int unplaced) {

    public record Move(String workloadId, int replicas, long cpuMillis, long memoryBytes, int priority, int wave) {
        public Move(String workloadId, int replicas, long cpuMillis, long memoryBytes, int priority) {
            this(workloadId, replicas, cpuMillis, memoryBytes, priority, 0);
        }

        Move inWave(int w) {
            return new Move(workloadId, replicas, cpuMillis, memoryBytes, priority, w);
        }
    }

    /** The moves of wave 0: they fit the surviving cloud's headroom and need not wait for new nodes. */
    public List<Move> immediate() {
        return moves.stream().filter(m -> m.wave() == 0).toList();
    }
}

package io.skybridge.failover.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans a failover from {@code from} to {@code to}: every replica running in the failed cloud of a
 * workload allowed in the surviving one moves, highest priority first. Replicas are bin-packed
 * (first fit, largest first) onto the surviving nodes' free capacity, then onto new nodes of the surge
 * pool's machine type; the new nodes are the capacity to request before anything moves. Pure and
 * deterministic: same inputs, same plan.
 */
public final class FailoverPlanner {

    private FailoverPlanner() {
    }

    public static FailoverPlan plan(String from, String to, List<WorkloadState> workloads, List<NodeCapacity> survivors,
                                    PoolShape pool) {
        List<FailoverPlan.Move> moves = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (WorkloadState w : workloads) {
            int n = w.replicasIn(from);
            if (n == 0) {
                continue;
            }
            if (!w.allowedClouds().isEmpty() && !w.allowedClouds().contains(to)) {
                refused.add(w.id());
                continue;
            }
            moves.add(new FailoverPlan.Move(w.id(), n, w.cpuMillis(), w.memoryBytes(), w.priority()));
        }
        moves.sort(Comparator.comparingInt(FailoverPlan.Move::priority).reversed().thenComparing(FailoverPlan.Move::workloadId));

        // one bin per surviving node, then new surge nodes as needed
        List<long[]> bins = new ArrayList<>(survivors.size());
        survivors.stream()
                .sorted(Comparator.comparingLong(NodeCapacity::freeCpuMillis).reversed().thenComparing(NodeCapacity::name))
                .forEach(c -> bins.add(new long[]{c.freeCpuMillis(), c.freeMemoryBytes()}));
        int existingBins = bins.size();

        List<long[]> replicas = new ArrayList<>();
        for (FailoverPlan.Move m : moves) {
            for (int i = 0; i < m.replicas(); i++) {
                replicas.add(new long[]{m.cpuMillis(), m.memoryBytes()});
            }
        }
        // largest first: first-fit decreasing
        replicas.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(b[1], a[1]));

        long deficitCpu = 0;
        long deficitMem = 0;
        int added = 0;
        int unplaced = 0;
        int firstWithRoom = 0;
        for (long[] r : replicas) {
            int placed = -1;
            for (int i = firstWithRoom; i < bins.size(); i++) {
                long[] bin = bins.get(i);
                if (bin[0] >= r[0] && bin[1] >= r[1]) {
                    placed = i;
                    break;
                }
            }
            if (placed < 0 || placed >= existingBins) {
                // the existing free capacity cannot hold it: it is part of the deficit
                deficitCpu += r[0];
                deficitMem += r[1];
            }
            if (placed < 0) {
                boolean fitsNewNode = r[0] <= pool.nodeCpuMillis() && r[1] <= pool.nodeMemoryBytes();
                if (fitsNewNode && added < pool.maxAdditionalNodes()) {
                    bins.add(new long[]{pool.nodeCpuMillis(), pool.nodeMemoryBytes()});
                    added++;
                    placed = bins.size() - 1;
                } else {
                    unplaced++;
                    continue;
                }
            }
            long[] bin = bins.get(placed);
            bin[0] -= r[0];
            bin[1] -= r[1];
            // bins before firstWithRoom are too full for the smallest replica seen so far; skip them
            while (firstWithRoom < bins.size() && firstWithRoom < existingBins
                    && (bins.get(firstWithRoom)[0] <= 0 || bins.get(firstWithRoom)[1] <= 0)) {
                firstWithRoom++;
            }
        }
        return new FailoverPlan(from, to, moves, refused, deficitCpu, deficitMem, added, unplaced);
    }
}

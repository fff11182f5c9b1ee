package io.skybridge.failover.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans a failover from {@code from} to {@code to}: every replica running in the failed cloud of a
 * workload allowed in the surviving one moves, highest priority first. Replicas are bin-packed
 * (first fit, largest first) onto the surviving nodes' free capacity, then onto new nodes of the surge
 * pool's machine type; the new nodes are the capacity to request. Waves: in priority order, a workload
 * whose replicas all fit what is still free on the surviving nodes is in wave 0 (it moves at once); the others
 * are in wave 1 (they move as surge nodes become Ready). Pure and deterministic: same inputs, same plan.
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
        moves = waves(moves, survivors);

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

    /** Priority order, first fit on the surviving nodes' free capacity: all replicas fit → wave 0, else wave 1. */
    static List<FailoverPlan.Move> waves(List<FailoverPlan.Move> ordered, List<NodeCapacity> survivors) {
        long[][] free = survivors.stream()
                .sorted(Comparator.comparingLong(NodeCapacity::freeCpuMillis).reversed().thenComparing(NodeCapacity::name))
                .map(c -> new long[]{c.freeCpuMillis(), c.freeMemoryBytes()}).toArray(long[][]::new);
        long freeCpu = 0;
        for (long[] f : free) {
            freeCpu += Math.max(0, f[0]);
        }
        List<FailoverPlan.Move> out = new ArrayList<>(ordered.size());
        int[] placedOn = new int[0];
        for (FailoverPlan.Move m : ordered) {
            if (m.cpuMillis() * m.replicas() > freeCpu) {
                out.add(m.inWave(1));
                continue;
            }
            if (placedOn.length < m.replicas()) {
                placedOn = new int[m.replicas()];
            }
            int placed = 0;
            for (int i = 0; placed < m.replicas() && i < free.length; i++) {
                while (placed < m.replicas() && free[i][0] >= m.cpuMillis() && free[i][1] >= m.memoryBytes()) {
                    free[i][0] -= m.cpuMillis();
                    free[i][1] -= m.memoryBytes();
                    placedOn[placed++] = i;
                }
            }
            if (placed == m.replicas()) {
                freeCpu -= m.cpuMillis() * m.replicas();
                out.add(m);
            } else {
                for (int k = 0; k < placed; k++) {
                    free[placedOn[k]][0] += m.cpuMillis();
                    free[placedOn[k]][1] += m.memoryBytes();
                }
                out.add(m.inWave(1));
            }
        }
        return out;
    }
}

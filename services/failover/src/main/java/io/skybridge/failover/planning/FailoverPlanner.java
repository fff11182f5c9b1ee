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

    /**
     * Priority order onto the surviving nodes' free capacity, the node with the most free CPU first (a heap: the
     * waves of 10,000 moves over 2,000 nodes cost milliseconds): all replicas fit → wave 0, else wave 1 (and what
     * it took is given back). A replica that does not fit the node with the most free CPU fits nowhere by CPU;
     * by memory the test is conservative (the move may wait for a surge node it did not need).
     */
    static List<FailoverPlan.Move> waves(List<FailoverPlan.Move> ordered, List<NodeCapacity> survivors) {
        java.util.PriorityQueue<long[]> free = new java.util.PriorityQueue<>(Math.max(1, survivors.size()),
                (a, b) -> Long.compare(b[0], a[0]));
        survivors.forEach(c -> free.add(new long[]{c.freeCpuMillis(), c.freeMemoryBytes()}));
        List<FailoverPlan.Move> out = new ArrayList<>(ordered.size());
        List<long[]> taken = new ArrayList<>();
        List<Integer> replicasOn = new ArrayList<>();
        for (FailoverPlan.Move m : ordered) {
            taken.clear();
            replicasOn.clear();
            int placed = 0;
            while (placed < m.replicas()) {
                long[] bin = free.peek();
                if (bin == null || bin[0] < m.cpuMillis() || bin[1] < m.memoryBytes()) {
                    break;
                }
                free.poll();
                int here = 0;
                while (placed < m.replicas() && bin[0] >= m.cpuMillis() && bin[1] >= m.memoryBytes()) {
                    bin[0] -= m.cpuMillis();
                    bin[1] -= m.memoryBytes();
                    placed++;
                    here++;
                }
                taken.add(bin);
                replicasOn.add(here);
            }
            boolean fits = placed == m.replicas();
            for (int i = 0; i < taken.size(); i++) {
                if (!fits) {
                    taken.get(i)[0] += replicasOn.get(i) * m.cpuMillis();
                    taken.get(i)[1] += replicasOn.get(i) * m.memoryBytes();
                }
                free.add(taken.get(i));
            }
            out.add(fits ? m : m.inWave(1));
        }
        return out;
    }
}

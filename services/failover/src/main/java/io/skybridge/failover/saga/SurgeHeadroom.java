package io.skybridge.failover.saga;

import java.util.ArrayList;
import java.util.List;

/**
 * Which wave-1 moves the surge nodes that are Ready so far can hold: one bin per Ready surge node (the surge
 * pool's machine shape), the wave-1 moves already made placed first, then the waiting ones in priority order,
 * first fit; a move goes only when all its replicas fit. Pure.
 */
final class SurgeHeadroom {
    private SurgeHeadroom() {
    }

    static List<MoveLedger.Entry> fitting(int readySurgeNodes, long nodeCpuMillis, long nodeMemoryBytes,
                                          List<MoveLedger.Entry> waveOne) {
        long[][] bins = new long[Math.max(0, readySurgeNodes)][];
        for (int i = 0; i < bins.length; i++) {
            bins[i] = new long[]{nodeCpuMillis, nodeMemoryBytes};
        }
        List<MoveLedger.Entry> out = new ArrayList<>();
        for (MoveLedger.Entry e : waveOne) {
            if (e.moved()) {
                place(bins, e, true);
            }
        }
        for (MoveLedger.Entry e : waveOne) {
            if (!e.moved() && place(bins, e, false)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Places every replica (first fit); {@code force}: keeps partial placements of a move already made. */
    private static boolean place(long[][] bins, MoveLedger.Entry e, boolean force) {
        int[] used = new int[Math.max(0, e.replicas)];
        int placed = 0;
        for (int i = 0; i < bins.length && placed < e.replicas; i++) {
            while (placed < e.replicas && bins[i][0] >= e.cpuMillis && bins[i][1] >= e.memoryBytes) {
                bins[i][0] -= e.cpuMillis;
                bins[i][1] -= e.memoryBytes;
                used[placed++] = i;
            }
        }
        if (placed == e.replicas || force) {
            return placed == e.replicas;
        }
        for (int k = 0; k < placed; k++) {
            bins[used[k]][0] += e.cpuMillis;
            bins[used[k]][1] += e.memoryBytes;
        }
        return false;
    }
}

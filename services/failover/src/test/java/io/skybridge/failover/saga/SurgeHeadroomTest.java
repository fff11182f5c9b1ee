package io.skybridge.failover.saga;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SurgeHeadroomTest {
    private static MoveLedger.Entry e(String id, int replicas, long cpu, boolean moved) {
        MoveLedger.Entry e = new MoveLedger.Entry();
        e.workloadId = id;
        e.replicas = replicas;
        e.cpuMillis = cpu;
        e.memoryBytes = 1L << 30;
        e.wave = 1;
        e.movedAt = moved ? Instant.EPOCH : null;
        return e;
    }

    @Test
    void shouldMoveNothingOfWaveOneBeforeASurgeNodeIsReady() {
        assertTrue(SurgeHeadroom.fitting(0, 4000, 16L << 30, List.of(e("a", 1, 1000, false))).isEmpty());
    }

    @Test
    void shouldMoveInPriorityOrderWhatTheReadySurgeNodesHoldAfterWhatAlreadyMovedThere() {
        // one 4-CPU node Ready: "done" (2 CPU) already there, "big" (2 × 1.5 CPU) no longer fits, "small" (1 CPU) does
        List<MoveLedger.Entry> waveOne = List.of(e("done", 2, 1000, true), e("big", 2, 1500, false), e("small", 1, 1000, false));
        assertEquals(List.of("small"), SurgeHeadroom.fitting(1, 4000, 16L << 30, waveOne).stream().map(x -> x.workloadId).toList());
        assertEquals(List.of("big", "small"), SurgeHeadroom.fitting(2, 4000, 16L << 30, waveOne).stream().map(x -> x.workloadId).toList(),
                "a second node holds both");
    }
}

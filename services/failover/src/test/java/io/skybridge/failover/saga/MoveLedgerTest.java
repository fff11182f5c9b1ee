package io.skybridge.failover.saga;

import io.skybridge.contracts.failover.PlannedMove;
import io.skybridge.contracts.common.ResourceAmount;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MoveLedgerTest {
    @Test
    void shouldKeepEachMovesWaveAndProgressAcrossASaveAndARead() {
        List<MoveLedger.Entry> ledger = MoveLedger.of(List.of(
                new PlannedMove("shop/Deployment/web", 2, new ResourceAmount(500, 1L << 29), 100, "gcp", 0),
                new PlannedMove("shop/Deployment/batch", 1, new ResourceAmount(250, 1L << 28), 1, "gcp", 1)));
        ledger.get(0).movedAt = Instant.parse("2026-12-07T03:00:00Z");
        ledger.get(0).desired = 2;
        ledger.get(0).forceDeleted = 2;
        List<MoveLedger.Entry> back = MoveLedger.read(MoveLedger.write(ledger), "ignored");
        assertEquals(2, back.size());
        assertEquals(Instant.parse("2026-12-07T03:00:00Z"), back.get(0).movedAt);
        assertTrue(back.get(0).moved());
        assertFalse(back.get(0).ready());
        assertEquals(2, back.get(0).forceDeleted);
        assertEquals(1, back.get(1).wave);
        assertEquals(250, back.get(1).cpuMillis);
        assertNull(back.get(1).movedAt);
    }

    @Test
    void shouldReadARunSavedBeforeProgressiveMovesFromItsWorkloadIds() {
        List<MoveLedger.Entry> ledger = MoveLedger.read(null, "shop/Deployment/web,shop/StatefulSet/db");
        assertEquals(List.of("shop/Deployment/web", "shop/StatefulSet/db"), ledger.stream().map(e -> e.workloadId).toList());
        assertTrue(ledger.stream().allMatch(e -> e.wave == 0 && !e.moved()));
    }
}

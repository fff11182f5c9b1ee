package io.skybridge.failover.planning;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailoverPlannerTest {
    private static final long GIB = 1L << 30;
    private static final PoolShape SURGE = new PoolShape("gcp-surge", "gcp", "us-central1", "e2-standard-4", 4000, 16 * GIB, 50);

    private static WorkloadState w(String id, int aws, int gcp, long cpu, long mem, int priority, Set<String> allowed) {
        return new WorkloadState(id, Map.of("aws", aws, "gcp", gcp), cpu, mem, priority, allowed);
    }

    @Test
    void shouldMoveOnlyTheFailedCloudsReplicasHighestPriorityFirst() {
        FailoverPlan plan = FailoverPlanner.plan("aws", "gcp", List.of(
                w("web", 3, 3, 500, GIB, 10, Set.of()),
                w("db", 2, 0, 1000, 4 * GIB, 100, Set.of("aws", "gcp")),
                w("batch", 0, 4, 250, GIB, 1, Set.of())), List.of(), SURGE);

        assertEquals(List.of("db", "web"), plan.moves().stream().map(FailoverPlan.Move::workloadId).toList());
        assertEquals(2, plan.moves().get(0).replicas());
        assertEquals(3, plan.moves().get(1).replicas());
    }

    @Test
    void shouldLeaveWorkloadsThatMayNotRunInTheSurvivingCloud() {
        FailoverPlan plan = FailoverPlanner.plan("aws", "gcp", List.of(w("aws-only", 2, 0, 500, GIB, 1, Set.of("aws"))),
                List.of(), SURGE);
        assertTrue(plan.moves().isEmpty());
        assertEquals(List.of("aws-only"), plan.refused());
        assertEquals(0, plan.additionalNodes());
    }

    @Test
    void shouldUseExistingHeadroomBeforeAskingForNodes() {
        FailoverPlan plan = FailoverPlanner.plan("aws", "gcp", List.of(w("web", 4, 0, 1000, 2 * GIB, 1, Set.of())),
                List.of(new NodeCapacity("gcp-1", 2000, 8 * GIB), new NodeCapacity("gcp-2", 2000, 8 * GIB)), SURGE);
        assertEquals(0, plan.additionalNodes());
        assertEquals(0, plan.deficitCpuMillis());
    }

    @Test
    void shouldBinPackTheDeficitOntoTheSurgePoolsMachineType() {
        // 10 replicas of 1.5 CPU: two fit per 4-CPU node → 5 nodes, none on a full cluster
        FailoverPlan plan = FailoverPlanner.plan("aws", "gcp", List.of(w("api", 10, 0, 1500, 2 * GIB, 1, Set.of())),
                List.of(new NodeCapacity("gcp-full", 100, GIB)), SURGE);
        assertEquals(5, plan.additionalNodes());
        assertEquals(15000, plan.deficitCpuMillis());
        assertEquals(0, plan.unplaced());
    }

    @Test
    void shouldReportReplicasThatFitNowhere() {
        PoolShape small = new PoolShape("p", "gcp", "us-central1", "e2-small", 2000, 2 * GIB, 1);
        FailoverPlan plan = FailoverPlanner.plan("aws", "gcp", List.of(
                w("huge", 1, 0, 8000, GIB, 1, Set.of()), w("ok", 3, 0, 1000, GIB, 1, Set.of())), List.of(), small);
        assertEquals(1, plan.additionalNodes(), "capped by the pool's max");
        assertEquals(2, plan.unplaced(), "the huge replica and one that found no room");
    }

    @Test
    void shouldNeverPlaceMoreThanANodeHoldsAndBeDeterministic() {
        Random random = new Random(5);
        for (int run = 0; run < 200; run++) {
            List<WorkloadState> workloads = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(30); i++) {
                workloads.add(w("w" + i, random.nextInt(6), random.nextInt(3), 100 + random.nextInt(3000),
                        (1 + random.nextInt(8)) * GIB / 2, random.nextInt(5), Set.of()));
            }
            List<NodeCapacity> survivors = new ArrayList<>();
            for (int i = 0; i < random.nextInt(10); i++) {
                survivors.add(new NodeCapacity("n" + i, random.nextInt(4000), random.nextInt(16) * GIB));
            }
            FailoverPlan a = FailoverPlanner.plan("aws", "gcp", workloads, survivors, SURGE);
            FailoverPlan b = FailoverPlanner.plan("aws", "gcp", workloads, survivors, SURGE);
            assertEquals(a, b);
            long neededCpu = a.moves().stream().mapToLong(m -> m.cpuMillis() * m.replicas()).sum();
            long freeCpu = survivors.stream().mapToLong(NodeCapacity::freeCpuMillis).sum();
            // the new nodes' capacity plus the free capacity holds what moved and was placed
            assertTrue(freeCpu + a.additionalNodes() * SURGE.nodeCpuMillis() >= neededCpu - a.unplaced() * 3100L,
                    "run " + run);
            // no more nodes than a lower bound on the deficit would need, plus slack for packing
            long lowerBound = (long) Math.ceil((double) a.deficitCpuMillis() / SURGE.nodeCpuMillis());
            assertTrue(a.additionalNodes() >= Math.min(lowerBound, SURGE.maxAdditionalNodes()) - 0, "run " + run);
        }
    }

    @Test
    void shouldPutInWaveZeroTheHighestPriorityWorkloadsThatFitTheHeadroomAndTheRestInWaveOne() {
        // 3 CPU free on GCP: "db" (2 × 1 CPU, top priority) fits, "web" (2 × 1 CPU) no longer fits whole, "tiny" does
        FailoverPlan plan = FailoverPlanner.plan("aws", "gcp", List.of(
                w("web", 2, 0, 1000, GIB, 50, Set.of()),
                w("db", 2, 0, 1000, GIB, 100, Set.of()),
                w("tiny", 1, 0, 500, GIB, 1, Set.of())),
                List.of(new NodeCapacity("gcp-1", 1500, 8 * GIB), new NodeCapacity("gcp-2", 1500, 8 * GIB)), SURGE);
        assertEquals(List.of("db", "web", "tiny"), plan.moves().stream().map(FailoverPlan.Move::workloadId).toList());
        assertEquals(List.of(0, 1, 0), plan.moves().stream().map(FailoverPlan.Move::wave).toList(),
                "a workload moves at once only when all its replicas fit; a smaller one behind it may still fit");
        assertEquals(List.of("db", "tiny"), plan.immediate().stream().map(FailoverPlan.Move::workloadId).toList());
        assertTrue(plan.additionalNodes() > 0, "wave 1 still gets its surge capacity");
    }

    @Test
    void shouldPutEverythingInWaveOneWhenTheSurvivingCloudHasNoHeadroom() {
        FailoverPlan plan = FailoverPlanner.plan("aws", "gcp", List.of(w("web", 2, 0, 500, GIB, 5, Set.of())),
                List.of(new NodeCapacity("gcp-full", 100, GIB)), SURGE);
        assertEquals(List.of(1), plan.moves().stream().map(FailoverPlan.Move::wave).toList());
        assertTrue(plan.immediate().isEmpty());
    }
}

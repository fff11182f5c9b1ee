package io.skybridge.failover.bench;

import io.skybridge.failover.planning.FailoverPlan;
import io.skybridge.failover.planning.FailoverPlanner;
import io.skybridge.failover.planning.NodeCapacity;
import io.skybridge.failover.planning.PoolShape;
import io.skybridge.failover.planning.WorkloadState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Plan computation time for N workloads (half their replicas in the failed cloud) over 2,000
 * surviving-cloud nodes. Prints p50/p99 over repeated runs after a warm-up. Not a test.
 * Usage: PlannerBenchmark [workloads=1000,10000] [nodes=2000] [runs=50]
 */
public final class PlannerBenchmark {

    public static void main(String[] args) {
        String[] sizes = (args.length > 0 ? args[0] : "1000,10000").split(",");
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        long gib = 1L << 30;
        PoolShape pool = new PoolShape("gcp-surge", "gcp", "us-central1", "e2-standard-8", 8000, 32 * gib, 5000);
        for (String size : sizes) {
            int n = Integer.parseInt(size.trim());
            Random random = new Random(42);
            List<WorkloadState> workloads = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int replicas = 1 + random.nextInt(6);
                workloads.add(new WorkloadState("ns/w" + i, Map.of("aws", replicas / 2 + replicas % 2, "gcp", replicas / 2),
                        100 + random.nextInt(2000), (1 + random.nextInt(8)) * gib / 4, random.nextInt(1000), Set.of()));
            }
            List<NodeCapacity> survivors = new ArrayList<>(nodes);
            for (int i = 0; i < nodes; i++) {
                survivors.add(new NodeCapacity("gcp-" + i, random.nextInt(2000), random.nextInt(8) * gib));
            }
            FailoverPlan last = null;
            for (int i = 0; i < 10; i++) {
                last = FailoverPlanner.plan("aws", "gcp", workloads, survivors, pool);
            }
            long[] nanos = new long[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                last = FailoverPlanner.plan("aws", "gcp", workloads, survivors, pool);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            int replicasMoved = last.moves().stream().mapToInt(FailoverPlan.Move::replicas).sum();
            System.out.printf("workloads=%d nodes=%d replicas moved=%d new nodes=%d  plan p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
                    n, nodes, replicasMoved, last.additionalNodes(), nanos[runs / 2] / 1e6,
                    nanos[Math.min(runs - 1, (int) Math.ceil(runs * 0.99) - 1)] / 1e6, nanos[runs - 1] / 1e6);
        }
    }
}

package io.skybridge.failover.bench;

import io.skybridge.failover.planning.FailoverPlan;
import io.skybridge.failover.planning.FailoverPlanner;
import io.skybridge.failover.planning.NodeCapacity;
import io.skybridge.failover.planning.PoolShape;
import io.skybridge.failover.planning.WorkloadState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * JMH: plan computation for 1k and 10k workloads (about half their replicas in the failed cloud) over 2,000
 * surviving-cloud nodes with random free room; sample-time mode prints p50/p90/p99 per size. Run by hand (see
 * docs/benchmarks.md): {@code java -cp <test classpath> org.openjdk.jmh.Main PlannerJmhBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class PlannerJmhBenchmark {
    private static final long GIB = 1L << 30;

    @Param({"1000", "10000"})
    int workloads;

    @Param({"2000"})
    int nodes;

    private List<WorkloadState> estate;
    private List<NodeCapacity> survivors;
    private PoolShape pool;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        estate = new ArrayList<>(workloads);
        for (int i = 0; i < workloads; i++) {
            int replicas = 1 + random.nextInt(6);
            estate.add(new WorkloadState("ns/Deployment/w" + i, Map.of("aws", replicas / 2 + replicas % 2, "gcp", replicas / 2),
                    100 + random.nextInt(2000), (1 + random.nextInt(8)) * GIB / 4, random.nextInt(1000), Set.of()));
        }
        survivors = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            survivors.add(new NodeCapacity("gcp-" + i, random.nextInt(2000), random.nextInt(8) * GIB));
        }
        pool = new PoolShape("gcp-surge", "gcp", "us-central1", "e2-standard-8", 8000, 32 * GIB, 5000);
    }

    @Benchmark
    public FailoverPlan plan() {
        return FailoverPlanner.plan("aws", "gcp", estate, survivors, pool);
    }
}

package io.skybridge.failover.planning;

import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.common.ResourceAmount;
import io.skybridge.contracts.failover.FailoverPlanComputed;
import io.skybridge.contracts.failover.PlannedMove;
import io.skybridge.contracts.failover.PlannedNodeRequest;
import io.skybridge.failover.cloud.ClusterSnapshot;
import io.skybridge.failover.config.PlanningConfig;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.repository.BlockingTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;

/**
 * Computes a plan from a fresh cluster snapshot and publishes it as {@code FailoverPlanComputed}
 * (before anything is touched; for a drill, instead of anything being touched). Blocking: call it
 * from a worker thread.
 */
@ApplicationScoped
public class PlanPublisher {

    @Inject
    ClusterSnapshot cluster;

    @Inject
    PlanningConfig config;

    @Inject
    EventPublisher events;

    @Inject
    BlockingTransactions transactions;

    public FailoverPlanComputed computeAndPublish(String incidentId, long epoch, String from, boolean dryRun,
                                                  EventMetadata cause) {
        String to = "aws".equals(from) ? "gcp" : "aws";
        ClusterSnapshot.Snapshot snapshot = cluster.take();
        PlanningConfig.SurgePool surge = config.surgePools().get(to);
        if (surge == null) {
            throw new IllegalStateException("no surge pool configured for " + to
                    + " (skybridge.failover.planning.surge-pools." + to + ".*)");
        }
        PoolShape pool = new PoolShape(surge.poolId(), to, surge.region(), surge.machineType(), surge.cpuMillis(),
                surge.memoryMib() * 1024 * 1024, surge.maxAdditionalNodes());
        FailoverPlan plan = FailoverPlanner.plan(from, to, snapshot.workloads(),
                snapshot.freeByCloud().getOrDefault(to, List.of()), pool);

        int pods = plan.moves().stream().mapToInt(FailoverPlan.Move::replicas).sum();
        long rto = (plan.additionalNodes() > 0 ? config.nodeJoinTime().toSeconds() : 0)
                + (long) Math.ceil((double) pods / Math.max(1, config.podsPerSecond()))
                + config.podStartTime().toSeconds();
        FailoverPlanComputed event = new FailoverPlanComputed(incidentId, epoch, from, to, dryRun,
                plan.moves().stream().map(m -> new PlannedMove(m.workloadId(), m.replicas(),
                        new ResourceAmount(m.cpuMillis(), m.memoryBytes()), m.priority(), to, m.wave())).toList(),
                new ResourceAmount(plan.deficitCpuMillis(), plan.deficitMemoryBytes()),
                plan.additionalNodes() == 0 ? List.of()
                        : List.of(new PlannedNodeRequest(pool.poolId(), to, pool.region(), pool.machineType(),
                        plan.additionalNodes())),
                (int) rto, Instant.now());
        transactions.inTransaction(() -> events.publish(event, cause).replaceWithVoid());
        return event;
    }
}

package io.skybridge.failover.saga;

import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.failover.FailoverPlanComputed;
import io.skybridge.contracts.failover.PlannedNodeRequest;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import io.skybridge.failover.cloud.PoolNodes;
import io.skybridge.failover.config.PlanningConfig;
import io.skybridge.failover.domain.FailoverRun;
import io.skybridge.failover.messaging.IntentSender;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

/**
 * The plan's deficit as a {@code NodePoolScaleRequested} to provisioning (the surge pool of the surviving
 * cloud, desired = its size now + the plan's additional nodes), and the surge pool back to its size before the
 * incident at failback. The target is recorded on the run in the same transaction as the intent, and the intent
 * id is derived from (incident, purpose, pool): a resumed run never asks twice.
 */
@ApplicationScoped
public class CapacityRequest {
    static final String SURGE = "capacity";
    static final String RELEASE = "failback-release";

    @Inject
    PoolNodes pools;

    @Inject
    PlanningConfig config;

    @Inject
    IntentSender intents;

    /** Records the request's pool, size before and target on {@code run} (blocking: reads the cluster). */
    public void prepare(FailoverRun run, FailoverPlanComputed plan) {
        if (plan.nodeRequests().isEmpty() || run.capacityIntentId != null) {
            return;
        }
        PlannedNodeRequest r = plan.nodeRequests().get(0);
        int before = pools.count(r.poolId()).total();
        run.capacityPool = r.poolId();
        run.capacityBefore = before;
        run.capacityTarget = before + r.additionalNodes();
        run.capacityIntentId = IntentSender.intentId(run.incidentId, SURGE, r.poolId());
    }

    /** Sends the prepared request (inside the transaction that saves the run). */
    public Uni<Void> send(FailoverRun run, EventMetadata cause) {
        if (run.capacityTarget == null) {
            return Uni.createFrom().voidItem();
        }
        return intents.send(scale(run.toCloud, run.capacityTarget), run.incidentId, SURGE, cause).replaceWithVoid();
    }

    /** The surge pool back to its size before the incident. @return nodes released */
    public Uni<Integer> release(FailoverRun run, EventMetadata cause) {
        if (run.capacityPool == null || run.capacityTarget == null || run.capacityBefore == null) {
            return Uni.createFrom().item(0);
        }
        int released = run.capacityTarget - run.capacityBefore;
        return intents.send(scale(run.toCloud, run.capacityBefore), run.incidentId, RELEASE, cause).replaceWith(released);
    }

    private NodePoolScaleRequested scale(String cloud, int desired) {
        PlanningConfig.SurgePool p = config.surgePools().get(cloud);
        return new NodePoolScaleRequested(p.poolId(), cloud, p.region(), p.zones(), p.machineType(), List.of(), p.image(),
                Map.of("skybridge-surge", "true"), List.of(), 0, Math.max(p.maxNodes(), desired), desired);
    }

    /** Waits until the surge pool has its target of Ready nodes. @return false when it timed out (degraded) */
    public boolean awaitReady(FailoverRun run) {
        if (run.capacityTarget == null) {
            return true;
        }
        return Waits.until(config.capacityTimeout(), 100, () -> pools.count(run.capacityPool).ready() >= run.capacityTarget);
    }
}

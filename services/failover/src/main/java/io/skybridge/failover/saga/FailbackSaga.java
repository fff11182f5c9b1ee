package io.skybridge.failover.saga;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.failover.FailbackCompleted;
import io.skybridge.contracts.failover.FailoverFailed;
import io.skybridge.failover.cloud.FailbackActions;
import io.skybridge.failover.config.FailoverConfig;
import io.skybridge.failover.domain.FailoverRun;
import io.skybridge.failover.domain.Incident;
import io.skybridge.failover.domain.IncidentState;
import io.skybridge.shared.leader.LeaderKicks;
import io.skybridge.shared.leader.Leadership;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.repository.BlockingTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Failback of one incident, once it is requested (manual) or the incident is cleared (automatic): refuse it
 * when a newer incident covers the cloud (stale epoch); lift the cordon and taint of the recovered cloud's
 * nodes; restore each moved workload's recorded placement one at a time, in plan order, waiting for its
 * rollout (its controller keeps the replicas available while it moves them back); release the surge capacity
 * (the surge pool back to its size before the incident) → {@code FailbackCompleted}. Every action is safe to
 * repeat, so a crash resumes from the start of the failback with no harm.
 */
@ApplicationScoped
public class FailbackSaga {
    private static final Logger LOG = Logger.getLogger(FailbackSaga.class);

    @Inject
    BlockingTransactions transactions;

    @Inject
    FailbackActions cluster;

    @Inject
    CapacityRequest capacity;

    @Inject
    EventPublisher events;

    @Inject
    FailoverConfig config;

    @Inject
    RunProgress progress;

    @Inject
    Leadership leadership;

    @Inject
    LeaderKicks kicks;

    private SagaWorker worker;

    void onStart(@Observes StartupEvent event) {
        worker = new SagaWorker("failback-saga", LOG, leadership);
        worker.start();
        // "" asks for a sweep; an incident id for that incident's pass (forwarded to the leader from other replicas)
        kicks.register("failback-saga", id -> {
            if (id.isEmpty()) {
                sweepAsync();
            } else {
                worker.kick(id, this::run);
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.stop();
        }
    }

    @Scheduled(every = "1s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (worker == null || !worker.started()) {
            return;
        }
        List<String> due = transactions.inTransaction(() -> FailoverRun.<FailoverRun>list(
                "status <> ?1 and failbackStatus in (?2, ?3)", FailoverRun.RUNNING, FailoverRun.REQUESTED, FailoverRun.RUNNING)
                .map(runs -> runs.stream().map(r -> r.incidentId).toList()));
        due.forEach(this::kick);
    }

    private void sweepAsync() {
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                LOG.debugf("early sweep failed (the scheduled one will retry): %s", e.toString());
            }
        });
    }

    /** Runs the incident's pass soon on the leader (here, or forwarded to it). */
    public void kick(String incidentId) {
        kicks.kick("failback-saga", incidentId);
    }

    void run(String incidentId) {
        FailoverRun run = transactions.inTransaction(() -> FailoverRun.<FailoverRun>findById(incidentId));
        Incident incident = transactions.inTransaction(() -> Incident.<Incident>findById(incidentId));
        if (run == null || incident == null || FailoverRun.RUNNING.equals(run.status)
                || !(FailoverRun.REQUESTED.equals(run.failbackStatus) || FailoverRun.RUNNING.equals(run.failbackStatus))) {
            return; // not requested, done, or the failover itself is still running (failback waits for it)
        }
        EventMetadata cause = FailoverSaga.causeOf(incident);
        Incident newer = transactions.inTransaction(() -> Incident.<Incident>find(
                "cloud = ?1 and epoch > ?2 and state = ?3 and region is null", run.fromCloud, run.epoch, IncidentState.DECLARED)
                .firstResult());
        if (newer != null) {
            run.failbackStatus = FailoverRun.FAILED;
            progress.save(run, List.of(new FailoverFailed(incidentId, run.epoch, "STALE_EPOCH", "FAILBACK", "incident " + newer.id
                    + " (epoch " + newer.epoch + ") has declared " + run.fromCloud + " out again", Instant.now())), cause);
            return;
        }
        run.failbackStatus = FailoverRun.RUNNING;
        progress.save(run, List.of(), cause);

        List<String> uncordoned = cluster.uncordon(run.fromCloud, incidentId);
        LOG.infof("failback %s: %d %s nodes uncordoned", incidentId, uncordoned.size(), run.fromCloud);
        List<String> workloads = run.planWorkloads == null || run.planWorkloads.isBlank() ? List.of()
                : Arrays.asList(run.planWorkloads.split(","));
        int restored = 0;
        for (String w : workloads) {
            if (cluster.restore(w)) {
                restored++;
            }
            if (!Waits.until(config.failback().workloadTimeout(), 200, () -> cluster.rolledOut(w))) {
                run.failbackStatus = FailoverRun.FAILED;
                progress.save(run, List.of(new FailoverFailed(incidentId, run.epoch, "FAILBACK_TIMEOUT", "FAILBACK",
                        w + " not rolled back within " + config.failback().workloadTimeout(), Instant.now())), cause);
                return;
            }
            LOG.infof("failback %s: %s is back on its preferred placement", incidentId, w);
        }
        int workloadsRestored = Math.max(restored, workloads.size());
        int[] released = {0};
        run.failbackStatus = FailoverRun.COMPLETED;
        run.failbackCompletedAt = Instant.now();
        progress.save(run, List.of(), cause, () -> capacity.release(run, cause).invoke(n -> released[0] = n).replaceWithVoid()
                .chain(() -> events.publish(new FailbackCompleted(incidentId, run.epoch, run.fromCloud, run.failbackAutomatic,
                        workloadsRestored, released[0], run.failbackCompletedAt), cause)).replaceWithVoid());
        LOG.infof("failback %s completed: %d workloads restored, %d surge nodes released", incidentId,
                workloadsRestored, released[0]);
    }
}

package io.skybridge.failover.saga;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.failover.FailoverCompleted;
import io.skybridge.contracts.failover.FailoverFailed;
import io.skybridge.contracts.failover.FailoverPlanComputed;
import io.skybridge.contracts.failover.FailoverStarted;
import io.skybridge.contracts.failover.PlannedMove;
import io.skybridge.contracts.failover.WorkloadMigrated;
import io.skybridge.failover.cloud.ClusterActions;
import io.skybridge.failover.config.FailoverConfig;
import io.skybridge.failover.config.PlanningConfig;
import io.skybridge.failover.domain.FailoverRun;
import io.skybridge.failover.domain.Incident;
import io.skybridge.failover.domain.IncidentState;
import io.skybridge.failover.planning.PlanPublisher;
import io.skybridge.shared.leader.LeaderKicks;
import io.skybridge.shared.leader.Leadership;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.messaging.MessageTracing;
import io.skybridge.shared.repository.BlockingTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The failover of one whole-cloud OUTAGE incident, as ordered, named, repeatable steps with persisted
 * progress (table {@code failover_run}): FENCE (record the run under the incident's epoch; a stale
 * epoch stops it) → ISOLATE (COMPROMISE only: {@code NetworkLinkIsolationRequested} for every link, cordon and
 * taint) → PLAN ({@code FailoverPlanComputed} with each move's wave, {@code FailoverStarted} and the deficit as a
 * {@code NodePoolScaleRequested}, in one transaction) → CORDON (cordon and taint the failed cloud's nodes) →
 * MOVE ({@link ProgressiveMoves}: wave 0 at once, wave 1 as surge nodes become Ready, in priority order and in
 * parallel; each workload avoids the failed cloud and its pods on unreachable nodes are force-deleted,
 * rate-limited; {@code WorkloadMigrated} as each is Ready in the surviving cloud) → {@code FailoverCompleted}
 * with the timeline (waves), the RTO overall and per priority, or {@code FailoverFailed{reason, step}}. A sweep
 * starts runs for new incidents and resumes runs a crash interrupted.
 */
@ApplicationScoped
public class FailoverSaga {
    private static final Logger LOG = Logger.getLogger(FailoverSaga.class);
    /** The leader-elected loop the failover passes run in (and what {@link ProgressiveMoves} checks while it waits). */
    static final String LOOP = "failover-saga";

    @Inject
    BlockingTransactions transactions;

    @Inject
    PlanPublisher plans;

    @Inject
    ClusterActions cluster;

    @Inject
    EventPublisher events;

    @Inject
    PlanningConfig config;

    @Inject
    FailoverConfig failoverConfig;

    @Inject
    CapacityRequest capacity;

    @Inject
    ProgressiveMoves moves;

    @Inject
    Isolation isolation;

    @Inject
    RunProgress progress;

    @Inject
    Leadership leadership;

    @Inject
    LeaderKicks kicks;

    @Inject
    io.skybridge.failover.service.FailoverMetrics metrics;

    @Inject
    MessageTracing tracing;

    private SagaWorker worker;

    void onStart(@Observes StartupEvent event) {
        worker = new SagaWorker(LOOP, LOG, leadership);
        worker.start();
        // "" asks for a sweep; an incident id for that incident's pass (forwarded to the leader from other replicas)
        kicks.register(LOOP, id -> {
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
        List<String> due = transactions.inTransaction(() -> Incident.<Incident>list(
                "state = ?1 and region is null and id not in (select r.incidentId from FailoverRun r where r.status <> ?2)",
                IncidentState.DECLARED, FailoverRun.RUNNING).chain(open -> FailoverRun.<FailoverRun>list("status", FailoverRun.RUNNING)
                .map(running -> {
                    List<String> ids = new ArrayList<>(open.stream().map(i -> i.id).toList());
                    running.forEach(r -> {
                        if (!ids.contains(r.incidentId)) {
                            ids.add(r.incidentId);
                        }
                    });
                    return ids;
                })));
        due.forEach(this::kick);
    }

    /** Looks for due runs now rather than at the next sweep (call after a declaration commits). */
    public void sweepSoon() {
        kicks.kick(LOOP, "");
    }

    private void sweepAsync() {
        if (worker.started()) {
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    sweep();
                } catch (RuntimeException e) {
                    LOG.debugf("early sweep failed (the scheduled one will retry): %s", e.toString());
                }
            });
        }
    }

    /** Runs the incident's pass soon on the leader (here, or forwarded to it). */
    public void kick(String incidentId) {
        kicks.kick(LOOP, incidentId);
    }

    void run(String incidentId) {
        Incident incident = transactions.inTransaction(() -> Incident.<Incident>findById(incidentId));
        if (incident == null) {
            return;
        }
        FailoverRun run = fence(incident);
        if (run == null || !FailoverRun.RUNNING.equals(run.status)) {
            return;
        }
        // each pass is a span of the incident's trace, current on this thread: what it sends continues from it
        tracing.inStep("pass " + run.step, incident.traceparent, () -> steps(incident, run, causeOf(incident)));
    }

    /** The run's steps from where it stands, in order; each writes its status before the next starts. */
    private void steps(Incident incident, FailoverRun run, EventMetadata cause) {
        if ("ISOLATE".equals(run.step)) {
            metrics.timeStep("ISOLATE", () -> {
                // COMPROMISE: cut the links and fence the cloud's nodes off before anything else
                run.step = "PLAN";
                progress.save(run, List.of(), cause, () -> isolation.isolateLinks(incident, run, cause));
                List<String> cordoned = cluster.cordonAndTaint(run.fromCloud, incident.id);
                LOG.infof("failover %s: COMPROMISE of %s: links %s isolated, %d nodes cordoned and tainted", incident.id,
                        run.fromCloud, run.isolatedLinks, cordoned.size());
            });
        }
        if ("PLAN".equals(run.step)) {
            metrics.timeStep("PLAN", () -> {
                FailoverPlanComputed plan = plans.computeAndPublish(incident.id, incident.epoch, run.fromCloud, false, cause);
                run.planWorkloads = String.join(",", plan.moves().stream().map(PlannedMove::workloadId).toList());
                run.moves = MoveLedger.write(MoveLedger.of(plan.moves()));
                run.planAt = plan.computedAt();
                capacity.prepare(run, plan);
                run.step = "CORDON";
                progress.save(run, List.of(new FailoverStarted(incident.id, incident.epoch, run.fromCloud, run.toCloud,
                        plan.moves().size(), Instant.now())), cause, () -> capacity.send(run, cause));
            });
        }
        if ("CAPACITY".equals(run.step)) {
            run.step = "CORDON"; // saved by a version that waited for all capacity first: the moves now wait themselves
        }
        if ("CORDON".equals(run.step) && cleared(incident.id)) {
            // the cloud came back (or an operator cleared it) before anything was touched: stop here
            run.status = FailoverRun.FAILED;
            progress.save(run, List.of(new FailoverFailed(incident.id, incident.epoch, "INCIDENT_CLEARED", "CORDON",
                    "incident cleared before its nodes were cordoned: nothing moved", Instant.now())), cause);
            return;
        }
        if ("CORDON".equals(run.step)) {
            metrics.timeStep("CORDON", () -> {
                List<String> cordoned = cluster.cordonAndTaint(run.fromCloud, incident.id);
                LOG.infof("failover %s: cordoned and tainted %d %s nodes", incident.id, cordoned.size(), run.fromCloud);
                run.step = "MOVE";
                progress.save(run, List.of(), cause);
                Waits.sleep(failoverConfig.saga().pauseBeforeMove().toMillis());
            });
        }
        if ("VERIFY".equals(run.step)) {
            run.step = "MOVE"; // saved by a version that verified after all moves: moving again is harmless
        }
        if ("MOVE".equals(run.step)) {
            metrics.timeStep("MOVE", () -> {
                moves.run(incident, run, cause);
            });
        }
    }

    private boolean cleared(String incidentId) {
        Incident now = transactions.inTransaction(() -> Incident.<Incident>findById(incidentId));
        return now == null || now.state != IncidentState.DECLARED;
    }

    /** Records (or finds) the run; refuses to act for an incident that is closed or superseded. */
    private FailoverRun fence(Incident incident) {
        return transactions.inTransaction(() -> FailoverRun.<FailoverRun>findById(incident.id).chain(run -> {
            if (run != null) {
                return Uni.createFrom().item(run);
            }
            if (incident.state != IncidentState.DECLARED) {
                return Uni.createFrom().nullItem();
            }
            return Incident.<Incident>find("cloud = ?1 and epoch > ?2 and region is null", incident.cloud, incident.epoch)
                    .firstResult().chain(newer -> {
                        FailoverRun r = new FailoverRun();
                        r.incidentId = incident.id;
                        r.epoch = incident.epoch;
                        r.fromCloud = incident.cloud;
                        r.toCloud = "aws".equals(incident.cloud) ? "gcp" : "aws";
                        r.declaredAt = incident.declaredAt;
                        if (newer != null) {
                            r.step = "FENCE";
                            r.status = FailoverRun.FAILED;
                            return r.<FailoverRun>persist().call(() -> events.publish(new FailoverFailed(incident.id,
                                    incident.epoch, "STALE_EPOCH", "FENCE", "incident " + newer.id + " (epoch " + newer.epoch
                                    + ") supersedes it", Instant.now()), causeOf(incident)));
                        }
                        r.step = incident.compromise() ? "ISOLATE" : "PLAN";
                        r.status = FailoverRun.RUNNING;
                        return r.persist();
                    });
        }));
    }

    /** Every event of a failover continues the incident's story (correlation = the incident id). */
    static EventMetadata causeOf(Incident incident) {
        return new EventMetadata(incident.id, "io.skybridge.failover.OutageDeclared.v1", "skybridge://failover",
                incident.id, incident.declaredAt, incident.id, incident.id, incident.declaredBy,
                MessageTracing.currentOr(incident.traceparent));
    }
}

package io.skybridge.failover.saga;

import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.failover.FailoverCompleted;
import io.skybridge.contracts.failover.FailoverFailed;
import io.skybridge.contracts.failover.FailoverTimeline;
import io.skybridge.contracts.failover.FailoverWave;
import io.skybridge.contracts.failover.WorkloadMigrated;
import io.skybridge.failover.cloud.ClusterActions;
import io.skybridge.failover.cloud.ClusterCache;
import io.skybridge.failover.cloud.DeletionPacer;
import io.skybridge.failover.cloud.PoolNodes;
import io.skybridge.failover.config.PlanningConfig;
import io.skybridge.failover.domain.FailoverRun;
import io.skybridge.failover.domain.Incident;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The MOVE step of a failover, progressive: wave 0 (what fits the surviving cloud's headroom) moves at once;
 * wave 1 moves, in priority order, as the surge nodes become Ready and can hold it ({@link SurgeHeadroom}), and
 * all of what is left once the requested capacity is Ready or the capacity timeout passes (degraded). Moves run
 * {@code move-concurrency} at a time, their pod deletions paced together at {@code pods-per-second}; readiness
 * comes from the watch caches ({@link ClusterCache}), and each workload is reported {@code WorkloadMigrated} as
 * soon as it is Ready in the surviving cloud. The ledger ({@link MoveLedger}) is saved with every progress, so a
 * resumed run continues where it stopped. Ends with {@code FailoverCompleted} (waves, RTO per priority) or
 * {@code FailoverFailed{MIGRATION_TIMEOUT}}.
 */
@ApplicationScoped
public class ProgressiveMoves {
    private static final Logger LOG = Logger.getLogger(ProgressiveMoves.class);

    @Inject
    ClusterActions cluster;

    @Inject
    io.skybridge.failover.service.FailoverMetrics metrics;

    @Inject
    ClusterCache cache;

    @Inject
    PoolNodes pools;

    @Inject
    PlanningConfig config;

    @Inject
    RunProgress progress;

    @Inject
    io.skybridge.shared.leader.Leadership leadership;

    public void run(Incident incident, FailoverRun run, EventMetadata cause) {
        cache.start();
        List<MoveLedger.Entry> ledger = MoveLedger.read(run.moves, run.planWorkloads);
        Map<String, ClusterActions.Moved> moved = resumed(ledger);
        run.movesAt = run.movesAt == null ? Instant.now() : run.movesAt;
        Instant capacityDeadline = (run.planAt != null ? run.planAt : Instant.now()).plus(config.capacityTimeout());
        DeletionPacer pacer = new DeletionPacer(config.podsPerSecond());
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, config.moveConcurrency()), r -> {
            Thread t = new Thread(r, "failover-move-" + incident.id);
            t.setDaemon(true);
            return t;
        });
        Map<String, Future<Done>> inFlight = new LinkedHashMap<>();
        java.util.Set<String> failed = new java.util.HashSet<>();
        try {
            while (true) {
                if (!leadership.acting(FailoverSaga.LOOP)) {
                    // deposed while waiting (its writes would be refused anyway): move nothing more, the new leader resumes
                    LOG.infof("failover %s: no longer the leader, moves stop here (%d in flight)", incident.id, inFlight.size());
                    return;
                }
                for (MoveLedger.Entry e : due(run, ledger, capacityDeadline)) {
                    if (!inFlight.containsKey(e.workloadId) && !failed.contains(e.workloadId)) { // in priority order: the executor starts them in that order
                        inFlight.put(e.workloadId, workers.submit(() -> new Done(cluster.moveOff(e.workloadId, run.fromCloud, pacer), Instant.now())));
                    }
                }
                int before = moved.size();
                RuntimeException failure = collect(inFlight, ledger, moved, run, failed);
                List<SkybridgeMessage> migrated = newlyReady(incident, run, ledger, moved);
                if (moved.size() > before || !migrated.isEmpty()) {
                    run.workloadsMigrated += migrated.size();
                    run.moves = MoveLedger.write(ledger);
                    progress.save(run, migrated, cause);
                }
                if (!failed.isEmpty() && inFlight.isEmpty()) {
                    // what moved is saved: the next pass (the saga worker retries) goes on from there
                    throw failure != null ? failure : new IllegalStateException("moves failed: " + failed);
                }
                if (inFlight.isEmpty() && ledger.stream().allMatch(MoveLedger.Entry::ready)) {
                    complete(incident, run, ledger, cause);
                    return;
                }
                List<String> late = ledger.stream().filter(e -> e.moved() && !e.ready()
                        && Duration.between(e.movedAt, Instant.now()).compareTo(config.verifyTimeout()) > 0).map(e -> e.workloadId).toList();
                if (!late.isEmpty()) {
                    run.status = FailoverRun.FAILED;
                    progress.save(run, List.of(new FailoverFailed(incident.id, incident.epoch, "MIGRATION_TIMEOUT", "VERIFY",
                            late.size() + " workload(s) not Ready in " + run.toCloud + " " + config.verifyTimeout()
                                    + " after their move: " + late, Instant.now())), cause);
                    return;
                }
                Waits.sleep(50);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /** A finished move and when its edit and deletions were done. */
    private record Done(ClusterActions.Moved moved, Instant at) {
    }

    /** Records the moves that finished; @return the first failure among them (the failed ones stay unmoved). */
    private RuntimeException collect(Map<String, Future<Done>> inFlight, List<MoveLedger.Entry> ledger,
                                     Map<String, ClusterActions.Moved> moved, FailoverRun run, java.util.Set<String> failed) {
        RuntimeException first = null;
        int wave0 = 0;
        int wave1 = 0;
        for (MoveLedger.Entry e : ledger) {
            Future<Done> f = inFlight.get(e.workloadId);
            if (f == null || !f.isDone()) {
                continue;
            }
            inFlight.remove(e.workloadId);
            try {
                Done d = f.get();
                e.movedAt = d.at();
                e.desired = d.moved().desired();
                e.forceDeleted = d.moved().forceDeleted();
                moved.put(e.workloadId, d.moved());
                if (e.wave == 0) {
                    wave0++;
                } else {
                    wave1++;
                }
            } catch (ExecutionException x) {
                if (x.getCause() instanceof io.fabric8.kubernetes.client.KubernetesClientException k && k.getCode() == 404) {
                    e.movedAt = Instant.now(); // the workload was deleted meanwhile: nothing left to move or wait for
                    e.readyAt = e.movedAt;
                    LOG.infof("failover %s: %s is gone, nothing to move", run.incidentId, e.workloadId);
                    continue;
                }
                failed.add(e.workloadId);
                first = first != null ? first : x.getCause() instanceof RuntimeException r ? r : new IllegalStateException(x.getCause());
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                failed.add(e.workloadId);
                first = first != null ? first : new IllegalStateException("interrupted while moving", x);
            }
        }
        if (wave0 + wave1 > 0) {
            metrics.moved(wave0, wave1);
            LOG.infof("failover %s: %d workload(s) moved off %s (%d of wave 0, %d of wave 1), %d in flight", run.incidentId,
                    wave0 + wave1, run.fromCloud, wave0, wave1, inFlight.size());
        }
        return first;
    }

    /** Moved but not yet Ready when the run stopped: their selectors again (one read each). */
    private Map<String, ClusterActions.Moved> resumed(List<MoveLedger.Entry> ledger) {
        Map<String, ClusterActions.Moved> moved = new HashMap<>();
        for (MoveLedger.Entry e : ledger) {
            if (e.moved() && !e.ready()) {
                ClusterActions.Moved m = cluster.describe(e.workloadId);
                if (m == null) {
                    e.readyAt = Instant.now(); // the workload is gone: nothing left to wait for
                } else {
                    moved.put(e.workloadId, m);
                }
            }
        }
        return moved;
    }

    /** Wave 0 at once; wave 1 as the Ready surge nodes can hold it, all of it once capacity is Ready or late. */
    private List<MoveLedger.Entry> due(FailoverRun run, List<MoveLedger.Entry> ledger, Instant capacityDeadline) {
        List<MoveLedger.Entry> out = new ArrayList<>(ledger.stream().filter(e -> !e.moved() && e.wave == 0).toList());
        List<MoveLedger.Entry> waveOne = ledger.stream().filter(e -> e.wave == 1).toList();
        boolean requested = run.capacityTarget != null;
        PoolNodes.Count count = requested && run.capacityAt == null ? pools.count(run.capacityPool) : null;
        boolean capacityReady = !requested || run.capacityAt != null || count.ready() >= run.capacityTarget;
        if (run.capacityAt == null && (capacityReady || Instant.now().isAfter(capacityDeadline))) {
            run.capacityAt = Instant.now();
            run.degraded = !capacityReady;
            if (!capacityReady) {
                LOG.warnf("failover %s: %s of %d nodes of %s not Ready after %s: moving the rest degraded", run.incidentId,
                        run.capacityPool, run.capacityTarget, run.toCloud, config.capacityTimeout());
            }
        }
        if (run.capacityAt != null) {
            out.addAll(waveOne.stream().filter(e -> !e.moved()).toList());
        } else if (waveOne.stream().anyMatch(e -> !e.moved())) {
            PlanningConfig.SurgePool shape = config.surgePools().get(run.toCloud);
            int readySurge = count.ready() - (run.capacityBefore == null ? 0 : run.capacityBefore);
            out.addAll(SurgeHeadroom.fitting(readySurge, shape.cpuMillis(), shape.memoryMib() * 1024 * 1024, waveOne));
        }
        return out;
    }

    private List<SkybridgeMessage> newlyReady(Incident incident, FailoverRun run, List<MoveLedger.Entry> ledger,
                                              Map<String, ClusterActions.Moved> moved) {
        List<SkybridgeMessage> out = new ArrayList<>();
        Map<String, String> cloudOfNode = cache.cloudOfNodes();
        for (MoveLedger.Entry e : ledger) {
            ClusterActions.Moved m = e.moved() && !e.ready() ? moved.get(e.workloadId) : null;
            if (m == null) {
                continue;
            }
            int readyThere = cluster.readyByCloud(m, cloudOfNode).getOrDefault(run.toCloud, 0);
            if (readyThere >= m.desired()) {
                e.readyAt = Instant.now();
                out.add(new WorkloadMigrated(incident.id, incident.epoch, e.workloadId, run.fromCloud, run.toCloud, readyThere,
                        e.forceDeleted, e.readyAt));
            }
        }
        metrics.ready(out.size());
        return out;
    }

    private void complete(Incident incident, FailoverRun run, List<MoveLedger.Entry> ledger, EventMetadata cause) {
        run.readyAt = ledger.stream().map(e -> e.readyAt).max(Instant::compareTo).orElse(Instant.now());
        run.capacityAt = run.capacityAt == null ? run.readyAt : run.capacityAt;
        run.completedAt = Instant.now();
        run.step = "DONE";
        run.status = FailoverRun.COMPLETED;
        List<FailoverWave> waves = new ArrayList<>();
        for (int w = 0; w <= 1; w++) {
            int wave = w;
            List<MoveLedger.Entry> of = ledger.stream().filter(e -> e.wave == wave).toList();
            if (!of.isEmpty()) {
                waves.add(new FailoverWave(wave, of.size(), of.stream().map(e -> e.movedAt).filter(java.util.Objects::nonNull)
                        .min(Instant::compareTo).orElse(null), of.stream().map(e -> e.readyAt).max(Instant::compareTo).orElse(null)));
            }
        }
        Map<String, Long> byPriority = new TreeMap<>();
        for (MoveLedger.Entry e : ledger) {
            byPriority.merge(Integer.toString(e.priority), Duration.between(run.declaredAt, e.readyAt).toMillis(), Math::max);
        }
        FailoverTimeline timeline = new FailoverTimeline(incident.firstEvidenceAt != null ? incident.firstEvidenceAt : run.declaredAt,
                run.declaredAt, run.planAt, run.capacityAt, run.movesAt, run.readyAt, waves);
        long rto = Duration.between(run.declaredAt, run.readyAt).toMillis();
        progress.save(run, List.of(new FailoverCompleted(incident.id, incident.epoch, run.fromCloud, run.toCloud,
                run.workloadsMigrated, run.degraded, timeline, rto, run.completedAt, byPriority)), cause);
        LOG.infof("failover %s completed: %d workloads on %s in %d wave(s), RTO %d ms", incident.id, run.workloadsMigrated,
                run.toCloud, waves.size(), rto);
    }
}

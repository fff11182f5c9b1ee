package io.skybridge.failover.detection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.skybridge.failover.config.FailoverConfig;
import io.skybridge.failover.domain.Incident;
import io.skybridge.failover.domain.IncidentState;
import io.skybridge.failover.repository.IncidentRepository;
import io.skybridge.failover.saga.FailoverSaga;
import io.skybridge.failover.service.IncidentService;
import io.skybridge.shared.leader.Leadership;
import io.skybridge.shared.leader.LeadershipChanged;
import io.skybridge.shared.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The service's detector: fed by {@code CloudHealthObserved} samples, evaluated again every 100 ms
 * (so a quorum that holds without new samples still gets declared), and its decisions turned into
 * incidents. Open incidents found at start put their clouds back OUT.
 */
@ApplicationScoped
public class OutageDetection {
    private static final Logger LOG = Logger.getLogger(OutageDetection.class);

    @Inject
    FailoverConfig config;

    @Inject
    IncidentRepository incidents;

    @Inject
    IncidentService incidentService;

    @Inject
    OutboxRelay relay;

    @Inject
    FailoverSaga saga;

    @Inject
    Leadership leadership;

    static final String LOOP = "outage-detection";

    private OutageDetector detector;
    private volatile boolean started;

    public synchronized OutageDetector detector() {
        if (detector == null) {
            FailoverConfig.Detection d = config.detection();
            detector = new OutageDetector(new DetectionSettings(d.clouds(), d.quorum(), d.sustain(), d.stabilisation(),
                    d.sampleTtl(), d.evidenceAge()));
        }
        return detector;
    }

    @Inject
    Vertx vertx;

    private final AtomicBoolean ticking = new AtomicBoolean();

    void onStart(@Observes StartupEvent event) {
        started = true;
        // evaluated every 100 ms (the scheduler's floor is 1 s): a quorum that matures between samples is declared
        // within 100 ms of T, not up to a second later
        vertx.setPeriodic(config.detection().evaluateEvery().toMillis(), id -> {
            if (!ticking.compareAndSet(false, true)) {
                return;
            }
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> tick().subscribe().with(ok -> ticking.set(false), e -> ticking.set(false)));
        });
    }

    /** Restores OUT verdicts of open whole-cloud incidents (call inside a session). */
    Uni<Void> restoreOpenIncidents() {
        return incidents.list("state = ?1 and region is null", IncidentState.DECLARED).invoke(open -> {
            for (Incident i : open) {
                detector().markOut(i.cloud, i.declaredAt);
                if (i.compromise()) {
                    detector().distrustLocation(i.cloud);
                }
            }
        }).replaceWithVoid();
    }

    private volatile boolean restored;

    /**
     * A replica that starts leading reloads the open incidents first: the detector of a follower saw every sample
     * (each replica reads the observations topic in its own group) but declared nothing.
     */
    void onLeadership(@Observes LeadershipChanged change) {
        restored = false;
    }

    /** Decisions are applied only by the leader's tick: a follower undoes them (the leader makes them too). */
    public boolean applies() {
        return leadership.acting(LOOP);
    }

    Uni<Void> tick() {
        if (!started || !applies()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> restore = restored ? Uni.createFrom().voidItem()
                : Panache.withSession(this::restoreOpenIncidents).invoke(() -> restored = true);
        return restore.chain(() -> {
            List<Decision> decisions = detector().evaluate(Instant.now());
            if (decisions.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return Panache.withTransaction(() -> applyFenced(decisions)).invoke(relay::kick).invoke(saga::sweepSoon)
                    .onFailure().invoke(e -> decisions.forEach(detector()::revert));
        }).onFailure().invoke(e -> LOG.warnf("detection tick failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** {@link #apply} after the leader's term check (inside the caller's transaction). */
    public Uni<Void> applyFenced(List<Decision> decisions) {
        return leadership.fenced(LOOP, () -> apply(decisions));
    }

    /** Turns decisions into incidents (inside the caller's transaction). */
    public Uni<Void> apply(List<Decision> decisions) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Decision d : decisions) {
            if (d instanceof Decision.Declare declare) {
                chain = chain.chain(() -> incidentService.declareUnlessCovered(new IncidentService.Declaration(
                        declare.cloud(), null, false, "quorum:" + String.join(",", declare.observers()),
                        "quorum of " + declare.observers().size() + " observers in " + declare.locations()
                                + " since " + declare.quorumSince() + " (first evidence " + declare.firstEvidenceAt() + ")",
                        Incident.OUTAGE, declare.firstEvidenceAt()),
                        null).invoke(i -> {
                            if (i != null) {
                                LOG.infof("declared %s out: incident %s, epoch %d", i.cloud, i.id, i.epoch);
                            }
                        }).replaceWithVoid());
            } else if (d instanceof Decision.Recover recover) {
                chain = chain.chain(() -> incidents.list("cloud = ?1 and state = ?2 and region is null and manual = false",
                        recover.cloud(), IncidentState.DECLARED).chain(open -> {
                            Uni<Void> clears = Uni.createFrom().voidItem();
                            for (Incident i : open) {
                                clears = clears.chain(() -> incidentService.clear(i, false, "detection",
                                        "healthy since " + recover.healthySince() + " for the stabilisation window",
                                        recover.healthySince(), null).replaceWithVoid());
                            }
                            return clears;
                        }));
            } else if (d instanceof Decision.Suspect suspect) {
                LOG.infof("%s suspected by %s", suspect.cloud(), suspect.observers());
            }
        }
        return chain;
    }
}

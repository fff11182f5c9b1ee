package io.skybridge.networking.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.networking.NetworkLinkFailed;
import io.skybridge.contracts.networking.NetworkLinkTornDown;
import io.skybridge.networking.cloud.CloudCallException;
import io.skybridge.networking.config.NetworkingConfig;
import io.skybridge.networking.domain.LinkPhase;
import io.skybridge.networking.domain.NetworkLink;
import io.skybridge.networking.repository.LinkStore;
import io.skybridge.networking.repository.LinkStore.LinkSnapshot;
import io.skybridge.shared.leader.LeaderKicks;
import io.skybridge.shared.leader.Leadership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs links through their steps on one dedicated thread: builds REQUESTED/PROVISIONING links step by
 * step (persisting progress after each), retries a failing step while the failure is transient, and
 * otherwise compensates (deletes what was made, newest first) and reports {@code NetworkLinkFailed}
 * naming the step. Tears TEARING_DOWN links down. Links a crash left mid-way are picked up again by a
 * periodic sweep.
 */
@ApplicationScoped
public class LinkSaga {
    private static final Logger LOG = Logger.getLogger(LinkSaga.class);
    private static final Set<LinkPhase> IN_FLIGHT = EnumSet.of(LinkPhase.REQUESTED, LinkPhase.PROVISIONING,
            LinkPhase.TEARING_DOWN, LinkPhase.ISOLATING, LinkPhase.RESTORING);

    @Inject
    LinkStore store;

    @Inject
    LinkProvisioningSteps provisioning;

    @Inject
    ResourceDeleter deleter;

    @Inject
    NetworkingConfig config;

    @Inject
    LinkIsolation isolation;

    @Inject
    io.skybridge.shared.messaging.MessageTracing tracing;

    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private ExecutorService worker;
    private volatile boolean started;

    @Inject
    Leadership leadership;

    @Inject
    LeaderKicks kicks;

    static final String LOOP = "link-saga";

    void onStart(@Observes StartupEvent event) {
        worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "link-saga"));
        started = true;
        kicks.register(LOOP, this::kickHere);
    }

    /** A replica that starts leading resumes every link in flight at once (intents may have been committed elsewhere). */
    void onLeadership(@Observes io.skybridge.shared.leader.LeadershipChanged change) {
        if (change.leading()) {
            java.util.concurrent.CompletableFuture.runAsync(this::sweep);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        started = false;
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    /** Ask for a link to be reconciled soon (called after the intent's transaction committed). */
    public void kick(String linkId) {
        kicks.kick(LOOP, linkId); // the leader reconciles: here, or forwarded to it
    }

    private void kickHere(String linkId) {
        if (started && leadership.acting(LOOP) && queued.add(linkId)) {
            worker.submit(() -> {
                queued.remove(linkId);
                try {
                    leadership.runAsLeader(LOOP, () -> reconcile(linkId));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "link %s: reconciliation failed, the sweep will retry", linkId);
                }
            });
        }
    }

    @Scheduled(every = "${skybridge.networking.saga.resume-interval:10s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (started && leadership.acting(LOOP)) {
            store.linkIdsIn(IN_FLIGHT).forEach(this::kickHere);
        }
    }

    void reconcile(String linkId) {
        LinkSnapshot snapshot = store.load(linkId);
        if (snapshot == null) {
            return;
        }
        // a span of the link's story, current on this thread: the cloud calls and the events of this pass are its children
        tracing.inStep("link " + snapshot.link().phase, snapshot.link().traceparent, () -> reconcile(linkId, snapshot));
    }

    private void reconcile(String linkId, LinkSnapshot snapshot) {
        switch (snapshot.link().phase) {
            case REQUESTED, PROVISIONING -> provision(linkId);
            case TEARING_DOWN -> tearDown(snapshot);
            case ISOLATING -> isolation.isolate(snapshot);
            case RESTORING -> {
                isolation.restore(snapshot);
                provision(linkId);
            }
            default -> {
                // nothing to do: established, failed, torn down or watched by the monitor
            }
        }
    }

    private void provision(String linkId) {
        LinkSnapshot s = store.load(linkId);
        if (s.link().phase == LinkPhase.REQUESTED) {
            s.link().phase = LinkPhase.PROVISIONING;
            store.save(s.link(), List.of(), null);
        }
        for (LinkStep step : provisioning.steps()) {
            s = store.load(linkId);
            if (s.link().phase != LinkPhase.PROVISIONING) {
                return; // torn down or failed meanwhile
            }
            if (s.doneSteps().contains(step.name())) {
                continue;
            }
            s.link().currentStep = step.name();
            CloudCallException failure = runWithRetries(s, step);
            if (failure != null) {
                compensate(linkId, step.name(), failure);
                return;
            }
            store.save(s.link(), s.tunnels(), step.name(), List.of(), null);
            LOG.infof("link %s: step %s done", linkId, step.name());
        }
        s = store.load(linkId);
        s.link().phase = LinkPhase.PROVISIONED;
        s.link().currentStep = null;
        store.save(s.link(), List.of(), null);
        LOG.infof("link %s: all resources exist, waiting for tunnels", linkId);
    }

    private CloudCallException runWithRetries(LinkSnapshot s, LinkStep step) {
        LinkStep.StepRecorder recorder = (cloud, kind, id, region) ->
                store.recordResource(s.link().id, step.name(), cloud, kind, id, region);
        CloudCallException last = null;
        for (int attempt = 1; attempt <= config.saga().stepAttempts(); attempt++) {
            try {
                step.run(s, recorder);
                return null;
            } catch (CloudCallException e) {
                last = e;
                LOG.warnf("link %s: step %s attempt %d failed (%s): %s", s.link().id, step.name(), attempt, e.kind(),
                        e.getMessage());
                if (!e.retryable()) {
                    break;
                }
                sleep(config.saga().retryBackoff().toMillis() * attempt);
            }
        }
        return last;
    }

    private void compensate(String linkId, String stepName, CloudCallException failure) {
        LinkSnapshot s = store.load(linkId);
        boolean compensated;
        try {
            deleter.deleteAll(s.link(), s.resources());
            compensated = true;
        } catch (RuntimeException e) {
            compensated = false;
        }
        store.clearSteps(linkId);
        NetworkLink link = store.load(linkId).link();
        link.phase = LinkPhase.FAILED;
        link.currentStep = stepName;
        link.failureReason = failure.kind().name();
        link.failureMessage = truncate(failure.getMessage());
        SkybridgeMessage failed = new NetworkLinkFailed(link.id, failure.kind().name(), stepName,
                truncate(failure.getMessage()), compensated, Instant.now());
        store.save(link, List.of(failed), LinkEvents.causeOf(link));
        LOG.warnf("link %s failed at step %s (%s); compensated=%s", linkId, stepName, failure.kind(), compensated);
    }

    private void tearDown(LinkSnapshot s) {
        int deleted;
        try {
            deleted = deleter.deleteAll(s.link(), s.resources());
        } catch (RuntimeException e) {
            LOG.warnf("link %s: teardown incomplete, will retry: %s", s.link().id, e.getMessage());
            return;
        }
        store.clearSteps(s.link().id);
        NetworkLink link = store.load(s.link().id).link();
        link.phase = LinkPhase.TORN_DOWN;
        link.currentStep = null;
        link.tunnelsUp = 0;
        store.save(link, List.of(new NetworkLinkTornDown(link.id, deleted, Instant.now())), LinkEvents.causeOf(link));
        LOG.infof("link %s torn down (%d resources deleted)", link.id, deleted);
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 900 ? s.substring(0, 900) : s;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

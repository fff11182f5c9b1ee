package io.skybridge.failover.saga;

import io.skybridge.shared.leader.Leadership;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The one thread a saga runs its incidents on: an incident is queued at most once at a time, and a failed
 * pass is only logged (the saga's sweep resumes it from its persisted progress). Passes run only on the leader
 * and as leader work ({@link Leadership#runAsLeader}): a pass of a deposed leader has its next transaction refused.
 */
final class SagaWorker {
    private final String name;
    private final Logger log;
    private final Leadership leadership;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private ExecutorService executor;
    private volatile boolean started;

    SagaWorker(String name, Logger log, Leadership leadership) {
        this.name = name;
        this.log = log;
        this.leadership = leadership;
    }

    void start() {
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        started = true;
    }

    void stop() {
        started = false;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Started, and this replica leads: a sweep may look for work. */
    boolean started() {
        return started && leadership.acting(name);
    }

    void kick(String incidentId, Consumer<String> pass) {
        if (started() && queued.add(incidentId)) {
            executor.submit(() -> {
                try {
                    leadership.runAsLeader(name, () -> pass.accept(incidentId));
                } catch (RuntimeException e) {
                    log.errorf(e, "%s %s: pass failed, will be resumed", name, incidentId);
                } finally {
                    queued.remove(incidentId);
                }
            });
        }
    }
}

package io.skybridge.failover.saga;

import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The one thread a saga runs its incidents on: an incident is queued at most once at a time, and a failed
 * pass is only logged (the saga's sweep resumes it from its persisted progress).
 */
final class SagaWorker {
    private final String name;
    private final Logger log;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private ExecutorService executor;
    private volatile boolean started;

    SagaWorker(String name, Logger log) {
        this.name = name;
        this.log = log;
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

    boolean started() {
        return started;
    }

    void kick(String incidentId, Consumer<String> pass) {
        if (started && queued.add(incidentId)) {
            executor.submit(() -> {
                try {
                    pass.accept(incidentId);
                } catch (RuntimeException e) {
                    log.errorf(e, "%s %s: pass failed, will be resumed", name, incidentId);
                } finally {
                    queued.remove(incidentId);
                }
            });
        }
    }
}

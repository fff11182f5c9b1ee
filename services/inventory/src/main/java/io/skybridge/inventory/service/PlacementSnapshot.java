package io.skybridge.inventory.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.skybridge.inventory.domain.Workload;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /placement} served from a precomputed JSON body, so a request costs no query and no
 * serialisation. The body is rebuilt when the workload table changed: right after this instance's projection
 * committed workloads ({@link #invalidate()}), and every second for whatever else wrote the table (another
 * instance, a rebuild), detected by one cheap fingerprint query (row count and latest {@code observed_at},
 * which every write of a workload stamps). Passes never overlap; an invalidation during a pass causes one
 * more. An answer is thus at most about one second old.
 */
@ApplicationScoped
public class PlacementSnapshot {
    private static final Logger LOG = Logger.getLogger(PlacementSnapshot.class);

    public record Placement(String workloadId, int replicas, int readyReplicas, Map<String, Integer> placement) {
    }

    private record Body(List<Object> fingerprint, byte[] json) {
    }

    @Inject
    ObjectMapper mapper;

    @Inject
    Vertx vertx;

    private volatile Body current;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /** The body of {@code GET /placement}: the snapshot, or built now when there is none yet. */
    public Uni<byte[]> body() {
        Body b = current;
        return b != null ? Uni.createFrom().item(b.json()) : refresh().map(v -> current.json());
    }

    /** Workloads were written: rebuild the body soon (asynchronously; returns at once). */
    public void invalidate() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            runPass();
        }
    }

    @Scheduled(every = "${skybridge.inventory.placement.check-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        invalidate();
    }

    private void runPass() {
        again.set(false);
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> Panache.withSession(this::refresh).subscribe().with(ok -> passDone(), e -> {
            LOG.warnf("placement snapshot not refreshed, will retry: %s", e.toString());
            passDone();
        }));
    }

    private void passDone() {
        running.set(false);
        if (again.get() && running.compareAndSet(false, true)) {
            runPass();
        }
    }

    /** Rebuilds the body if the table changed since it was built (call within a session). */
    public Uni<Void> refresh() {
        return fingerprint().chain(f -> {
            Body b = current;
            return b != null && b.fingerprint().equals(f) ? Uni.createFrom().voidItem() : rebuild(f);
        });
    }

    private Uni<List<Object>> fingerprint() {
        return Panache.getSession().chain(s -> s.createQuery("select count(w), max(w.observedAt) from Workload w",
                Object[].class).getSingleResult()).map(r -> Arrays.asList(r[0], Objects.toString(r[1])));
    }

    private Uni<Void> rebuild(List<Object> fingerprint) {
        return Workload.<Workload>list("order by id").map(all -> {
            List<Placement> rows = all.stream().map(WorkloadView::of)
                    .map(w -> new Placement(w.workloadId(), w.replicas(), w.readyReplicas(), w.placement())).toList();
            try {
                current = new Body(fingerprint, mapper.writeValueAsBytes(rows));
                return (Void) null;
            } catch (Exception e) {
                throw new IllegalStateException("placement cannot be written", e);
            }
        });
    }
}

package io.skybridge.shared.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.skybridge.contracts.ContractJson;
import io.skybridge.shared.config.MessagingConfig;
import io.smallrye.mutiny.Uni;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes committed outbox rows to Kafka in id order (the {@code skybridge-outbox} channel is
 * configured with {@code acks=all} and idempotence) and stamps them sent once acknowledged. Rows are
 * locked with {@code FOR UPDATE SKIP LOCKED}, so several instances never publish the same row at
 * once. A crash after the send and before the stamp re-sends the row: consumers dedupe by
 * {@code ce_id} through their inbox.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    /** A normal-scoped bean: its emitter is only looked up on first use, after the channels are wired. */
    @Inject
    OutboxSender sender;

    @Inject
    MessagingConfig config;

    @Inject
    Vertx vertx;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean started;

    /** Application observers run after the messaging channels are wired: only then may the relay send. */
    void onStart(@Observes StartupEvent event) {
        started = true;
        kick();
    }

    /**
     * Rows were committed: publish them now. Passes never overlap; a kick during a pass causes one
     * more pass right after it.
     */
    public void kick() {
        if (!started) {
            return;
        }
        again.set(true);
        if (running.compareAndSet(false, true)) {
            runPass();
        }
    }

    /** Safety net: rows left by a crash, or committed without a kick, go out within a second. */
    @Scheduled(every = "${skybridge.messaging.relay-safety-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        kick();
    }

    private void runPass() {
        again.set(false);
        // Hibernate Reactive needs a safe duplicated Vert.x context of its own
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> publishPending().subscribe().with(this::passDone, e -> {
            LOG.warnf("outbox relay pass failed, will retry: %s", e.toString());
            passDone(0);
        }));
    }

    private void passDone(int handled) {
        running.set(false);
        if ((again.get() || handled >= config.relayBatchSize()) && running.compareAndSet(false, true)) {
            runPass();
        }
    }

    /** One pass: publish up to a batch of unsent rows. @return how many rows were handled */
    public Uni<Integer> publishPending() {
        String sql = "select * from " + config.schema() + ".outbox_message where sent_at is null"
                + " order by id limit " + config.relayBatchSize() + " for update skip locked";
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(sql, OutboxMessage.class).getResultList())
                .chain(this::publishAll));
    }

    private Uni<Integer> publishAll(List<OutboxMessage> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Context context = Vertx.currentContext();
        Executor onContext = context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
        List<Uni<Boolean>> sends = new ArrayList<>(rows.size());
        for (OutboxMessage row : rows) {
            sends.add(send(row)
                    .ifNoItem().after(config.relaySendTimeout()).fail()
                    .map(v -> true)
                    .onFailure().invoke(e -> {
                        row.attempts++;
                        row.lastError = truncate(e.toString());
                        LOG.warnf("outbox row %d (%s → %s) not published: %s", row.id, row.eventId, row.topic, e);
                    })
                    .onFailure().recoverWithItem(false));
        }
        return Uni.join().all(sends).andCollectFailures()
                .emitOn(onContext)
                .map(results -> {
                    Instant now = Instant.now();
                    int sent = 0;
                    for (int i = 0; i < rows.size(); i++) {
                        if (results.get(i)) {
                            rows.get(i).sentAt = now;
                            sent++;
                        }
                    }
                    LOG.debugf("outbox relay published %d of %d rows", sent, rows.size());
                    return rows.size();
                });
    }

    private Uni<Void> send(OutboxMessage row) {
        RecordHeaders headers = new RecordHeaders();
        Map<String, String> stored;
        try {
            stored = ContractJson.mapper().readValue(row.headers, HEADERS);
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        stored.forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return sender.send(row.topic, row.key, headers, row.payload);
    }

    private static String truncate(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}

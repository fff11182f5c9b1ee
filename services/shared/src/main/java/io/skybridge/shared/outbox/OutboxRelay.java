package io.skybridge.shared.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.skybridge.contracts.ContractJson;
import io.skybridge.shared.config.MessagingConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
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
    static final String CHANNEL = "skybridge-outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<byte[]> emitter;

    @Inject
    MessagingConfig config;

    private final AtomicBoolean pending = new AtomicBoolean(true);
    private volatile boolean started;
    private long ticks;

    /** Application observers run after the messaging channels are wired: only then may the relay send. */
    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    /** Something was appended (or committed): the next tick publishes without waiting for the safety poll. */
    public void signalPending() {
        pending.set(true);
    }

    @Scheduled(every = "${skybridge.messaging.relay-interval:50ms}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        // a pass every tick when signalled, and at least every 20 ticks as a safety net (crash recovery)
        if (!started) {
            return Uni.createFrom().voidItem();
        }
        boolean due = pending.getAndSet(false) || (++ticks % 20 == 0);
        if (!due) {
            return Uni.createFrom().voidItem();
        }
        return publishPending()
                .invoke(n -> {
                    if (n >= config.relayBatchSize()) {
                        pending.set(true); // more rows are waiting
                    }
                })
                .onFailure().invoke(e -> {
                    pending.set(true);
                    LOG.warnf("outbox relay pass failed, will retry: %s", e.toString());
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
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
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.key)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.payload).addMetadata(metadata));
    }

    private static String truncate(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}

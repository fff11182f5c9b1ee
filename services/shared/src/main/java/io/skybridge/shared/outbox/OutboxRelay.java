package io.skybridge.shared.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.skybridge.contracts.ContractJson;
import io.skybridge.shared.config.MessagingConfig;
import io.skybridge.shared.domain.Failures;
import io.skybridge.shared.repository.BulkSql;
import io.smallrye.mutiny.Uni;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes committed outbox rows to Kafka in id order (the {@code skybridge-outbox} channel is
 * configured with {@code acks=all} and idempotence) and deletes them once acknowledged. Rows are
 * locked with {@code FOR UPDATE SKIP LOCKED}, so several instances never publish the same row at
 * once. A crash after the send and before the delete committed re-sends the row: consumers dedupe by
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
    io.skybridge.shared.messaging.MessageTracing tracing;

    @Inject
    MessagingConfig config;

    @Inject
    Vertx vertx;

    /** {@code skybridge.outbox.relay.rows{pass=by-id|scan}}: rows handled by passes that looked them up by id or scanned. */
    @Inject
    MeterRegistry metrics;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** A pass over the whole table is due (a kick without ids, the safety tick, a failed pass). */
    private final AtomicBoolean scanDue = new AtomicBoolean();
    /** Ids of rows known to be committed and not published yet, in commit order. */
    private final Queue<Long> committed = new ConcurrentLinkedQueue<>();
    private volatile boolean started;
    /** {@code skybridge_outbox_lag_seconds}: from a row's commit (its {@code created_at}) to the broker's ack. */
    private Timer lag;

    /** Application observers run after the messaging channels are wired: only then may the relay send. */
    void onStart(@Observes StartupEvent event) {
        lag = Timer.builder("skybridge.outbox.lag").description("time from an outbox row's transaction to its publication")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(metrics);
        started = true;
        kick();
    }

    /**
     * Rows were committed: publish them now, looking for them over the whole table. Passes never overlap; a kick
     * during a pass causes one more pass right after it.
     */
    public void kick() {
        scanDue.set(true);
        schedule();
    }

    /**
     * These rows were committed: publish them now, looking them up by id. A pass then costs a few primary-key
     * probes however many rows were published (and deleted) before, which a pass over the table's index pays
     * for until the table is vacuumed. Null ids: as {@link #kick()}.
     */
    public void kickRows(Collection<Long> ids) {
        if (ids == null) { // not known: look for them
            kick();
            return;
        }
        if (ids.isEmpty()) {
            return; // the transaction appended nothing
        }
        committed.addAll(ids);
        schedule();
    }

    private void schedule() {
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
        boolean scan = scanDue.getAndSet(false);
        List<Long> ids = new ArrayList<>();
        if (!scan) {
            for (Long id; ids.size() < config.relayBatchSize() && (id = committed.poll()) != null; ) {
                ids.add(id);
            }
        }
        LOG.debugf("outbox relay pass: %s", scan ? "scan" : "by id " + ids);
        try {
            // Hibernate Reactive needs a safe duplicated Vert.x context of its own
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> (scan ? publishPending() : publish(ids))
                    // a pass never holds the relay for good: sends time out on their own, this bounds the rest
                    .ifNoItem().after(config.relaySendTimeout().multipliedBy(2).plusSeconds(10)).fail()
                    .invoke(n -> metrics.counter("skybridge.outbox.relay.rows", "pass", scan ? "scan" : "by-id").increment(n))
                    .subscribe().with(this::passDone, this::passFailed));
        } catch (RuntimeException e) {
            passFailed(e);
        }
    }

    private void passFailed(Throwable e) {
        LOG.warnf("outbox relay pass failed, will retry: %s", e.toString());
        scanDue.set(true); // the rows are still there: the next pass looks for them all
        passDone(0);
    }

    private void passDone(int handled) {
        running.set(false);
        boolean more = again.get() || handled >= config.relayBatchSize() || !committed.isEmpty();
        if (more && running.compareAndSet(false, true)) {
            runPass();
        }
    }

    /**
     * Metrics of a published row: its lag, and {@code skybridge_dead_letters_total{topic}} for a dead letter (counted
     * once it is on its {@code .dlq} topic, not when a transaction that may still roll back wrote it).
     */
    private void published(OutboxMessage row, Instant now) {
        if (lag != null && row.createdAt != null) {
            lag.record(Duration.between(row.createdAt, now).abs());
        }
        if (row.topic.endsWith(".dlq")) {
            metrics.counter("skybridge.dead.letters", "topic", row.topic).increment();
        }
    }

    /** One pass: publish up to a batch of unsent rows. @return how many rows were handled */
    public Uni<Integer> publishPending() {
        return pass("select " + COLUMNS + " from " + config.schema() + ".outbox_message o where o.sent_at is null and o.parked_at is null"
                + " order by o.id limit " + config.relayBatchSize() + " for update skip locked", List.of());
    }

    /** One pass over these rows (those still there: a pass over the table may have published them already). */
    private Uni<Integer> publish(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pass("select " + COLUMNS + " from unnest($1::bigint[]) as k(id) join " + config.schema()
                + ".outbox_message o on o.id = k.id where o.sent_at is null and o.parked_at is null"
                + " order by o.id for update of o skip locked",
                List.of((Object) ids.toArray(new Long[0])));
    }

    private Uni<Integer> pass(String select, List<Object> parameters) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> rows(session, select, parameters)
                        .chain(rows -> publishAll(rows).chain(() -> settle(session, rows)).replaceWith(rows.size()))));
    }

    /** The rows {@code select} locks, as unmanaged messages (Hibernate writes nothing of them itself). */
    private Uni<List<OutboxMessage>> rows(Mutiny.Session session, String select, List<Object> parameters) {
        return BulkSql.select(session, select, parameters).map(rows -> rows.stream().map(OutboxRelay::row).toList());
    }

    private static final String COLUMNS = "o.id, o.event_id, o.topic, o.message_key, o.headers, o.payload, o.created_at,"
            + " o.attempts, o.last_error";

    /** A row of {@link #COLUMNS} as an unmanaged message. */
    private static OutboxMessage row(Object[] columns) {
        OutboxMessage m = new OutboxMessage();
        m.id = ((Number) columns[0]).longValue();
        m.eventId = (String) columns[1];
        m.topic = (String) columns[2];
        m.key = (String) columns[3];
        m.headers = (String) columns[4];
        m.payload = columns[5] instanceof io.vertx.core.buffer.Buffer b ? b.getBytes() : (byte[]) columns[5];
        m.createdAt = BulkSql.instant(columns[6]);
        m.attempts = ((Number) columns[7]).intValue();
        m.lastError = (String) columns[8];
        return m;
    }

    /**
     * Records the outcome of a pass: one DELETE removes every row Kafka acknowledged (Kafka is now its record; an
     * outbox that keeps sent rows only grows); a row that failed stays, with its attempt count and error. The rows
     * are not managed entities, so Hibernate writes nothing itself.
     */
    private Uni<Void> settle(Mutiny.Session session, List<OutboxMessage> rows) {
        List<Long> sent = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        String table = config.schema() + ".outbox_message";
        for (OutboxMessage row : rows) {
            if (row.sentAt != null) {
                sent.add(row.id);
            } else { // still pending, or parked (parked_at set): one statement either way
                chain = chain.chain(() -> BulkSql.update(session, "update " + table
                        + " set attempts = $1, last_error = $2, parked_at = $3 where id = $4", java.util.Arrays.asList(
                        row.attempts, row.lastError, row.parkedAt == null ? null
                                : java.time.OffsetDateTime.ofInstant(row.parkedAt, java.time.ZoneOffset.UTC), row.id))
                        .replaceWithVoid());
            }
        }
        if (!sent.isEmpty()) {
            chain = chain.chain(() -> BulkSql.update(session, "delete from " + table + " where id = any($1)",
                    List.of((Object) sent.toArray(new Long[0]))).replaceWithVoid());
        }
        return chain;
    }

    private Uni<Void> publishAll(List<OutboxMessage> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Context context = Vertx.currentContext();
        Executor onContext = context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
        List<Uni<Boolean>> sends = new ArrayList<>(rows.size());
        for (OutboxMessage row : rows) {
            sends.add(send(row)
                    .ifNoItem().after(config.relaySendTimeout()).fail()
                    .map(v -> true)
                    .onFailure().invoke(e -> failed(row, e))
                    .onFailure().recoverWithItem(false));
        }
        return Uni.join().all(sends).andCollectFailures()
                .emitOn(onContext)
                .invoke(results -> {
                    Instant now = Instant.now();
                    int sent = 0;
                    for (int i = 0; i < rows.size(); i++) {
                        if (results.get(i)) {
                            OutboxMessage row = rows.get(i);
                            row.sentAt = now;
                            sent++;
                            published(row, now);
                        }
                    }
                    if (LOG.isDebugEnabled()) {
                        LOG.debugf("outbox relay published %d of %d rows: %s", sent, rows.size(), rows.stream()
                                .map(r -> r.id + " " + r.topic + "/" + r.key).toList());
                    }
                })
                .replaceWithVoid();
    }

    /**
     * A send failed: the row stays for the next pass. A failure that retrying cannot cure counts towards parking the
     * row; once parked it is left for an operator (with its error) and no longer holds up the relay.
     */
    private void failed(OutboxMessage row, Throwable e) {
        row.lastError = truncate(Failures.describe(e));
        if (retriable(e)) {
            LOG.warnf("outbox row %d (%s → %s) not published yet: %s", row.id, row.eventId, row.topic, row.lastError);
            return;
        }
        row.attempts++;
        if (row.attempts >= config.relayMaxAttempts()) {
            row.parkedAt = Instant.now();
            metrics.counter("skybridge.outbox.parked", "topic", row.topic).increment();
            LOG.errorf("outbox row %d (event %s → %s, key %s) parked after %d failed attempts: %s", row.id, row.eventId,
                    row.topic, row.key, row.attempts, row.lastError);
        } else {
            LOG.warnf("outbox row %d (%s → %s) not published (attempt %d of %d): %s", row.id, row.eventId, row.topic,
                    row.attempts, config.relayMaxAttempts(), row.lastError);
        }
    }

    /** A broker that is down, slow or electing a leader: the row will go out later, however often it failed. */
    static boolean retriable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (t instanceof org.apache.kafka.common.errors.ApiException
                    || t instanceof com.fasterxml.jackson.core.JacksonException) {
                return false;
            }
        }
        return true; // unknown: never give a row up on a guess
    }

    private Uni<Void> send(OutboxMessage row) {
        RecordHeaders headers = new RecordHeaders();
        Map<String, String> stored;
        try {
            stored = ContractJson.mapper().readValue(row.headers, HEADERS);
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        // the span of this publication continues the one that wrote the row; the record carries the publication's
        io.opentelemetry.api.trace.Span span = tracing.publishing(row.topic, row.eventId,
                stored.get(io.skybridge.contracts.CloudEventHeaders.TYPE), stored.get(io.skybridge.contracts.CloudEventHeaders.TRACEPARENT));
        String traceparent = io.skybridge.shared.messaging.MessageTracing.traceparent(span);
        if (traceparent != null) {
            stored = new java.util.LinkedHashMap<>(stored);
            stored.put(io.skybridge.contracts.CloudEventHeaders.TRACEPARENT, traceparent);
        }
        return sendTraced(row, stored, headers)
                .onTermination().invoke((done, failure, cancelled) -> io.skybridge.shared.messaging.MessageTracing.end(span, failure));
    }

    private Uni<Void> sendTraced(OutboxMessage row, Map<String, String> stored, RecordHeaders headers) {
        int size = (row.payload == null ? 0 : row.payload.length) + (row.key == null ? 0 : row.key.length());
        for (Map.Entry<String, String> h : stored.entrySet()) {
            byte[] value = h.getValue().getBytes(StandardCharsets.UTF_8);
            size += h.getKey().length() + value.length;
            headers.add(h.getKey(), value);
        }
        if (size > config.maxOutgoingRecordBytes()) { // the producer would refuse it: never hand it over
            return Uni.createFrom().failure(new org.apache.kafka.common.errors.RecordTooLargeException(
                    "record of " + size + " bytes exceeds skybridge.messaging.max-outgoing-record-bytes="
                            + config.maxOutgoingRecordBytes()));
        }
        return sender.send(row.topic, row.key, headers, row.payload);
    }

    private static String truncate(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}

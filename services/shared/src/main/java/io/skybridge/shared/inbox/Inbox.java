package io.skybridge.shared.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.skybridge.shared.config.MessagingConfig;
import io.skybridge.shared.repository.BulkSql;
import io.skybridge.shared.repository.ContextBuffer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Processed-message ids per consumer. Call both methods inside the transaction of the effect: a
 * concurrent duplicate then fails on the primary key and its transaction rolls back whole.
 */
@ApplicationScoped
public class Inbox {
    private final ContextBuffer<InboxMessage> buffer = new ContextBuffer<>("inbox");

    @Inject
    MessagingConfig config;

    public Uni<Boolean> alreadyProcessed(String consumer, String messageId) {
        return InboxMessage.<InboxMessage>findById(new InboxMessage.Key(consumer, messageId))
                .map(found -> found != null);
    }

    /** Which of {@code messageIds} the consumer has already processed (one query for a whole batch). */
    public Uni<Set<String>> processedAmong(String consumer, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        // one primary-key probe per id: a LATERAL subquery with LIMIT is never turned into a join over the whole
        // consumer's rows, which the planner picks when the statistics of a fast-growing inbox lag behind
        String sql = "select m.id from unnest($2::varchar[]) as m(id) cross join lateral (select 1 from "
                + config.schema() + ".inbox_message i where i.consumer = $1 and i.message_id = m.id limit 1) as found";
        return Panache.getSession()
                .chain(session -> BulkSql.select(session, sql, List.of(consumer, messageIds.toArray(new String[0]))))
                .map(rows -> {
                    Set<String> ids = new HashSet<>();
                    rows.forEach(r -> ids.add((String) r[0]));
                    return ids;
                });
    }

    public Uni<Void> record(String consumer, String messageId, String messageType, String outcome) {
        InboxMessage row = new InboxMessage();
        row.id = new InboxMessage.Key(consumer, messageId);
        row.messageType = messageType;
        row.outcome = outcome;
        row.processedAt = Instant.now();
        if (buffer.offer(row)) {
            return Uni.createFrom().voidItem();
        }
        return row.persist().replaceWithVoid();
    }

    /**
     * From now on, on this Vert.x (duplicated) context, recorded rows are collected instead of persisted one by one;
     * {@link #flushBuffered()} writes them with multi-row INSERTs in the same transaction (a batch of records that
     * deduplicates its own ids first: a duplicate id still fails the INSERT on the primary key).
     */
    public void startBuffering() {
        buffer.start();
    }

    /** Writes the rows collected since {@link #startBuffering()} (inside the transaction) and stops buffering. */
    public Uni<Void> flushBuffered() {
        List<InboxMessage> rows = stopBuffering();
        if (rows == null || rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String head = "insert into " + config.schema()
                + ".inbox_message (consumer, message_id, message_type, outcome, processed_at)";
        return Panache.getSession().chain(session -> BulkSql.insertRows(session, head, "", rows,
                r -> new Object[]{r.id.consumer(), r.id.messageId(), r.messageType, r.outcome, r.processedAt}));
    }

    /** A mark in what this context buffered so far, for {@link #dropBufferedSince}. */
    public int bufferMark() {
        return buffer.size();
    }

    /** Drops the rows buffered after {@code mark} (their record was refused and rolled back to a savepoint). */
    public void dropBufferedSince(int mark) {
        buffer.truncate(mark);
    }

    /** Drops what was collected (the transaction failed) and stops buffering. @return the dropped rows */
    public List<InboxMessage> stopBuffering() {
        return buffer.stop();
    }
}

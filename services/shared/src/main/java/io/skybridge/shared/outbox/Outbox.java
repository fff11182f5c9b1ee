package io.skybridge.shared.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.SkybridgeMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.skybridge.shared.config.MessagingConfig;
import io.skybridge.shared.repository.BulkSql;
import io.skybridge.shared.repository.ContextBuffer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Appends outgoing records to the outbox table. Call it inside the transaction of the state change:
 * both commit or neither does. {@link OutboxRelay} publishes them afterwards: call
 * {@link OutboxRelay#kick()} once the transaction committed (the inbound pipeline does), or they go
 * out with the relay's once-a-second safety pass.
 */
@ApplicationScoped
public class Outbox {
    private final ContextBuffer<OutboxMessage> buffer = new ContextBuffer<>("outbox");

    @Inject
    MessagingConfig config;

    /**
     * From now on, on this Vert.x (duplicated) context, appended rows are collected instead of inserted one by one;
     * {@link #flushBuffered()} writes them, in append order, with multi-row INSERTs in the same transaction. Used by
     * a batch that appends many rows in one transaction; without it every append is its own INSERT.
     */
    public void startBuffering() {
        buffer.start();
    }

    /**
     * Writes the rows collected since {@link #startBuffering()} (inside the transaction) and stops buffering.
     * @return their ids, for {@link OutboxRelay#kickRows} once the transaction committed; null when this context was
     *         not buffering (rows were inserted one by one: {@link OutboxRelay#kick()} finds them)
     */
    public Uni<List<Long>> flushBuffered() {
        List<OutboxMessage> rows = stopBuffering();
        if (rows == null) {
            return Uni.createFrom().nullItem();
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String head = "insert into " + config.schema()
                + ".outbox_message (event_id, topic, message_key, headers, payload, created_at, attempts)";
        return Panache.getSession().chain(session -> BulkSql.insertRowsReturning(session, head, "returning id", rows,
                        r -> new Object[]{r.eventId, r.topic, r.key, r.headers, r.payload, r.createdAt, 0}))
                .map(ids -> ids.stream().map(row -> ((Number) row[0]).longValue()).toList());
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
    public List<OutboxMessage> stopBuffering() {
        return buffer.stop();
    }

    /** Queue an event (or intent) for {@code topic}, keyed by its aggregate id. */
    public Uni<Void> append(String topic, SkybridgeMessage message, EventMetadata metadata) {
        byte[] payload;
        try {
            payload = ContractJson.mapper().writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("cannot serialise " + message, e));
        }
        return appendRaw(metadata.id(), topic, message.aggregateId(), metadata.toHeaders(), payload);
    }

    /** Queue raw bytes with the given headers (used for dead letters, which keep the original value). */
    public Uni<Void> appendRaw(String eventId, String topic, String key, Map<String, String> headers, byte[] payload) {
        OutboxMessage row = new OutboxMessage();
        row.eventId = eventId;
        row.topic = topic;
        row.key = key;
        try {
            row.headers = ContractJson.mapper().writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        row.payload = payload;
        row.createdAt = Instant.now();
        if (buffer.offer(row)) {
            return Uni.createFrom().voidItem();
        }
        return row.persist().replaceWithVoid();
    }
}

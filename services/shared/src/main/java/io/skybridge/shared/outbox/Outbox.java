package io.skybridge.shared.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.SkybridgeMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;

/**
 * Appends outgoing records to the outbox table. Call it inside the transaction of the state change:
 * both commit or neither does. {@link OutboxRelay} publishes them afterwards: call
 * {@link OutboxRelay#kick()} once the transaction committed (the inbound pipeline does), or they go
 * out with the relay's once-a-second safety pass.
 */
@ApplicationScoped
public class Outbox {

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
        return row.persist().replaceWithVoid();
    }
}

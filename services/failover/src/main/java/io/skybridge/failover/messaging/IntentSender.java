package io.skybridge.failover.messaging;

import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.shared.messaging.EventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Intents failover sends to the other services (node-pool scale requests, link isolation), through the
 * outbox. Each carries a deterministic id derived from (incident, purpose, aggregate): a step that is
 * repeated after a crash sends the very same intent again, and the receiver's inbox drops it.
 */
@ApplicationScoped
public class IntentSender {

    @Inject
    EventPublisher events;

    /** The deterministic intent id for {@code purpose} of {@code incidentId} on {@code aggregateId}. */
    public static String intentId(String incidentId, String purpose, String aggregateId) {
        return UUID.nameUUIDFromBytes((incidentId + "/" + purpose + "/" + aggregateId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Appends the intent to the outbox (call inside the transaction that records it). @return its id */
    public Uni<String> send(SkybridgeMessage intent, String incidentId, String purpose, EventMetadata cause) {
        return events.publish(intent, cause, intentId(incidentId, purpose, intent.aggregateId())).map(EventMetadata::id);
    }
}

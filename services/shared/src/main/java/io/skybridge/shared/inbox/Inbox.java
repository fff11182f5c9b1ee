package io.skybridge.shared.inbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Processed-message ids per consumer. Call both methods inside the transaction of the effect: a
 * concurrent duplicate then fails on the primary key and its transaction rolls back whole.
 */
@ApplicationScoped
public class Inbox {

    public Uni<Boolean> alreadyProcessed(String consumer, String messageId) {
        return InboxMessage.<InboxMessage>findById(new InboxMessage.Key(consumer, messageId))
                .map(found -> found != null);
    }

    public Uni<Void> record(String consumer, String messageId, String messageType, String outcome) {
        InboxMessage row = new InboxMessage();
        row.id = new InboxMessage.Key(consumer, messageId);
        row.messageType = messageType;
        row.outcome = outcome;
        row.processedAt = Instant.now();
        return row.persist().replaceWithVoid();
    }
}

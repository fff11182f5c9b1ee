package io.skybridge.shared.inbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

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

    public Uni<Boolean> alreadyProcessed(String consumer, String messageId) {
        return InboxMessage.<InboxMessage>findById(new InboxMessage.Key(consumer, messageId))
                .map(found -> found != null);
    }

    /** Which of {@code messageIds} the consumer has already processed (one query for a whole batch). */
    public Uni<Set<String>> processedAmong(String consumer, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return InboxMessage.<InboxMessage>list("id.consumer = ?1 and id.messageId in ?2", consumer, List.copyOf(messageIds))
                .map(rows -> {
                    Set<String> ids = new HashSet<>();
                    rows.forEach(r -> ids.add(r.id.messageId()));
                    return ids;
                });
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

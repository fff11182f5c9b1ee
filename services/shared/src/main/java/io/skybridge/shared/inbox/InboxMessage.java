package io.skybridge.shared.inbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** A message a consumer has already processed (its effect committed in the same transaction). */
@Entity
@Table(name = "inbox_message")
public class InboxMessage extends PanacheEntityBase {
    @EmbeddedId
    public Key id;

    @Column(name = "message_type")
    public String messageType;

    /** {@code APPLIED}, {@code REJECTED} or {@code IGNORED}. */
    @Column(nullable = false)
    public String outcome;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;

    @Embeddable
    public record Key(@Column(name = "consumer") String consumer, @Column(name = "message_id") String messageId)
            implements Serializable {
    }
}

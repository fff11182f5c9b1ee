package io.skybridge.networking.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** A saga step that finished for a link. */
@Entity
@Table(name = "link_step")
public class LinkStepDone extends PanacheEntityBase {
    @EmbeddedId
    public Key id;
    @Column(name = "finished_at", nullable = false)
    public Instant finishedAt;

    @Embeddable
    public record Key(@Column(name = "link_id") String linkId, @Column(name = "step") String step)
            implements Serializable {
    }
}

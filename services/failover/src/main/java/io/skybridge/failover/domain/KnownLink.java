package io.skybridge.failover.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A cross-cloud link, as networking's events describe it: what a COMPROMISE incident isolates. */
@Entity
@Table(name = "known_link")
public class KnownLink extends PanacheEntityBase {
    public static final String ESTABLISHED = "ESTABLISHED";
    public static final String ISOLATED = "ISOLATED";

    @Id
    @Column(name = "link_id")
    public String linkId;
    @Column(nullable = false)
    public String state;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

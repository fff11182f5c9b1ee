package io.skybridge.networking.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A cloud resource the link's saga created (so compensation and teardown can delete it). */
@Entity
@Table(name = "link_resource")
public class LinkResource extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "link_id", nullable = false)
    public String linkId;
    @Column(nullable = false)
    public String step;
    @Column(nullable = false)
    public String cloud;
    @Column(nullable = false)
    public String kind;
    @Column(name = "provider_id", nullable = false)
    public String providerId;
    public String region;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;
}

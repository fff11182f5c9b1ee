package io.skybridge.inventory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An AWS account or a GCP project Skybridge may use, with its regions (comma-separated). */
@Entity
@Table(name = "cloud_account")
public class CloudAccount extends PanacheEntityBase {
    @Id
    public String id;
    @Column(nullable = false)
    public String cloud;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "display_name")
    public String displayName;
    @Column(nullable = false)
    public String regions;
    @Column(name = "registered_by")
    public String registeredBy;
    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

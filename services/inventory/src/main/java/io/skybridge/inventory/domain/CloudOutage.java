package io.skybridge.inventory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An outage declared by failover; open while {@code clearedAt} is null. */
@Entity
@Table(name = "cloud_outage")
public class CloudOutage extends PanacheEntityBase {
    @Id
    @Column(name = "incident_id")
    public String incidentId;
    public String cloud;
    public String region;
    public long epoch;
    @Column(name = "declared_at")
    public Instant declaredAt;
    @Column(name = "cleared_at")
    public Instant clearedAt;
}

package io.skybridge.inventory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The headroom last announced with CapacityChanged for a cloud. */
@Entity
@Table(name = "cloud_headroom")
public class CloudHeadroom extends PanacheEntityBase {
    @Id
    public String cloud;
    @Column(name = "headroom_cpu")
    public long headroomCpu;
    @Column(name = "headroom_memory")
    public long headroomMemory;
    @Column(name = "published_at")
    public Instant publishedAt;
}

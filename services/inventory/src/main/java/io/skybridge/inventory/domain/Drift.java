package io.skybridge.inventory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An open drift finding (UNREQUESTED_VM or NODE_WITHOUT_VM); id = {@code <kind>:<cloud>:<instance or node>}. */
@Entity
@Table(name = "drift")
public class Drift extends PanacheEntityBase {
    @Id
    public String id;
    public String cloud;
    public String region;
    public String kind;
    @Column(name = "instance_id")
    public String instanceId;
    @Column(name = "node_id")
    public String nodeId;
    public String detail;
    @Column(name = "detected_at")
    public Instant detectedAt;
}

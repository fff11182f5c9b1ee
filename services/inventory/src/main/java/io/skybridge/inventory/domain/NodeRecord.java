package io.skybridge.inventory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * What provisioning told us about a node. Every event only fills in what it knows (never erases a
 * field), so NodeProvisioned / NodeJoined / NodeDecommissioned converge in any order.
 */
@Entity
@Table(name = "node_record")
public class NodeRecord extends PanacheEntityBase {
    @Id
    @Column(name = "node_id")
    public String nodeId;
    public String cloud;
    public String region;
    public String zone;
    @Column(name = "pool_id")
    public String poolId;
    @Column(name = "instance_id")
    public String instanceId;
    @Column(name = "machine_type")
    public String machineType;
    @Column(name = "provider_id")
    public String providerId;
    @Column(name = "private_ip")
    public String privateIp;
    @Column(name = "provisioned_at")
    public Instant provisionedAt;
    @Column(name = "joined_at")
    public Instant joinedAt;
    @Column(name = "decommissioned_at")
    public Instant decommissionedAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Decommissioned and not provisioned again afterwards. */
    public boolean decommissioned() {
        return decommissionedAt != null && (provisionedAt == null || !provisionedAt.isAfter(decommissionedAt));
    }
}

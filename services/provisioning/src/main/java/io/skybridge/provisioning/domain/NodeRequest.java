package io.skybridge.provisioning.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One node of a pool: the VM asked for, its phase and how it ended. Its id is the VM and Node name. */
@Entity
@Table(name = "node_request")
public class NodeRequest extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "pool_id", nullable = false)
    public String poolId;
    @Column(nullable = false)
    public int ordinal;
    @Column(nullable = false)
    public String cloud;
    @Column(nullable = false)
    public String region;
    @Column(nullable = false)
    public String zone;
    @Column(name = "machine_type", nullable = false)
    public String machineType;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NodePhase phase;
    @Column(name = "instance_id")
    public String instanceId;
    @Column(name = "provider_id")
    public String providerId;
    @Column(name = "private_ip")
    public String privateIp;
    @Column(name = "intent_id", nullable = false)
    public String intentId;
    @Column(name = "correlation_id")
    public String correlationId;

    /** W3C trace context of the span that started this story (null: not traced); its messages continue that trace. */
    @Column(name = "traceparent")
    public String traceparent;

    @Column(name = "causation_id")
    public String causationId;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(nullable = false)
    public int attempts;
    @Column(nullable = false)
    public boolean drain = true;
    /** Every evictable pod left the node (recorded before the VM is terminated). */
    @Column(nullable = false)
    public boolean drained;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "failure_message")
    public String failureMessage;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "provisioned_at")
    public Instant provisionedAt;
    @Column(name = "joined_at")
    public Instant joinedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** ClientToken of the multi-instance launch this node is part of (null: launched on its own). */
    @Column(name = "launch_batch")
    public String launchBatch;
    /** The node's place in its launch batch (the instance's launch index). */
    @Column(name = "launch_index")
    public Integer launchIndex;
}

package io.skybridge.provisioning.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A node pool's definition and the size it should have. List/map fields are stored as JSON text. */
@Entity
@Table(name = "node_pool")
public class NodePool extends PanacheEntityBase {
    @Id
    public String id;
    @Column(nullable = false)
    public String cloud;
    @Column(nullable = false)
    public String region;
    @Column(nullable = false)
    public String zones;
    @Column(name = "machine_type", nullable = false)
    public String machineType;
    @Column(name = "fallback_machine_types", nullable = false)
    public String fallbackMachineTypes;
    public String image;
    @Column(nullable = false)
    public String labels;
    @Column(nullable = false)
    public String taints;
    @Column(name = "min_size", nullable = false)
    public int minSize;
    @Column(name = "max_size", nullable = false)
    public int maxSize;
    @Column(name = "desired_size", nullable = false)
    public int desiredSize;
    @Column(name = "last_intent_id", nullable = false)
    public String lastIntentId;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "next_ordinal", nullable = false)
    public int nextOrdinal;
    @Column(name = "correlation_id")
    public String correlationId;

    /** W3C trace context of the span that started this story (null: not traced); its messages continue that trace. */
    @Column(name = "traceparent")
    public String traceparent;

    /** Id of the IntentAccepted event of the last intent: node events of that story are caused by it. */
    @Column(name = "cause_event_id")
    public String causeEventId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

package io.skybridge.inventory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/** A Kubernetes Node as the informer sees it, with the requests of the pods bound to it. */
@Entity
@Table(name = "node_observation")
public class NodeObservation extends PanacheEntityBase {
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
    /** READY, NOT_READY or UNKNOWN (the Ready condition). */
    public String status;
    public boolean cordoned;
    /** JSON array of {key, value, effect}. */
    public String taints;
    @Column(name = "allocatable_cpu")
    public long allocatableCpu;
    @Column(name = "allocatable_memory")
    public long allocatableMemory;
    @Column(name = "requested_cpu")
    public long requestedCpu;
    @Column(name = "requested_memory")
    public long requestedMemory;
    @Column(name = "observed_at")
    public Instant observedAt;

    /** Same observable content (everything but the timestamp). */
    public boolean sameAs(NodeObservation o) {
        return o != null && Objects.equals(cloud, o.cloud) && Objects.equals(region, o.region)
                && Objects.equals(zone, o.zone) && Objects.equals(poolId, o.poolId)
                && Objects.equals(instanceId, o.instanceId) && Objects.equals(machineType, o.machineType)
                && Objects.equals(providerId, o.providerId) && Objects.equals(status, o.status)
                && cordoned == o.cordoned && Objects.equals(taints, o.taints)
                && allocatableCpu == o.allocatableCpu && allocatableMemory == o.allocatableMemory
                && requestedCpu == o.requestedCpu && requestedMemory == o.requestedMemory;
    }

    /** Copies the observable content of {@code o} into this (managed) entity. */
    public void copyFrom(NodeObservation o) {
        cloud = o.cloud;
        region = o.region;
        zone = o.zone;
        poolId = o.poolId;
        instanceId = o.instanceId;
        machineType = o.machineType;
        providerId = o.providerId;
        status = o.status;
        cordoned = o.cordoned;
        taints = o.taints;
        allocatableCpu = o.allocatableCpu;
        allocatableMemory = o.allocatableMemory;
        requestedCpu = o.requestedCpu;
        requestedMemory = o.requestedMemory;
        observedAt = o.observedAt;
    }
}

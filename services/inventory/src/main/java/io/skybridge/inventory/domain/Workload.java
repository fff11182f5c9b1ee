package io.skybridge.inventory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/** A managed Deployment or StatefulSet ({@code skybridge.io/managed=true}) and where its replicas run. */
@Entity
@Table(name = "workload")
public class Workload extends PanacheEntityBase {
    /** {@code <namespace>/<kind>/<name>}. */
    @Id
    public String id;
    public String namespace;
    public String name;
    public String kind;
    public int replicas;
    @Column(name = "ready_replicas")
    public int readyReplicas;
    @Column(name = "cpu_per_replica")
    public long cpuPerReplica;
    @Column(name = "memory_per_replica")
    public long memoryPerReplica;
    public int priority;
    /** Comma-separated clouds. */
    @Column(name = "allowed_clouds")
    public String allowedClouds;
    @Column(name = "preferred_cloud")
    public String preferredCloud;
    /** JSON object cloud → replicas running there now. */
    public String placement;
    @Column(name = "observed_at")
    public Instant observedAt;

    public boolean sameAs(Workload o) {
        return o != null && replicas == o.replicas && readyReplicas == o.readyReplicas
                && cpuPerReplica == o.cpuPerReplica && memoryPerReplica == o.memoryPerReplica
                && priority == o.priority && Objects.equals(allowedClouds, o.allowedClouds)
                && Objects.equals(preferredCloud, o.preferredCloud) && Objects.equals(placement, o.placement);
    }

    public void copyFrom(Workload o) {
        namespace = o.namespace;
        name = o.name;
        kind = o.kind;
        replicas = o.replicas;
        readyReplicas = o.readyReplicas;
        cpuPerReplica = o.cpuPerReplica;
        memoryPerReplica = o.memoryPerReplica;
        priority = o.priority;
        allowedClouds = o.allowedClouds;
        preferredCloud = o.preferredCloud;
        placement = o.placement;
        observedAt = o.observedAt;
    }
}

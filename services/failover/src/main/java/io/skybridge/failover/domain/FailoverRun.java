package io.skybridge.failover.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The failover saga's persisted progress for one incident, and its timeline. */
@Entity
@Table(name = "failover_run")
public class FailoverRun extends PanacheEntityBase {
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    @Id
    @Column(name = "incident_id")
    public String incidentId;
    @Column(nullable = false)
    public long epoch;
    @Column(name = "from_cloud", nullable = false)
    public String fromCloud;
    @Column(name = "to_cloud", nullable = false)
    public String toCloud;
    /** FENCE, ISOLATE, PLAN, CORDON, MOVE, DONE (CAPACITY and VERIFY: runs saved by versions before progressive moves). */
    @Column(nullable = false)
    public String step;
    @Column(nullable = false)
    public String status;
    @Column(nullable = false)
    public boolean degraded;
    @Column(name = "workloads_migrated", nullable = false)
    public int workloadsMigrated;
    /** The planned workload ids, in priority order, comma-separated. */
    @Column(name = "plan_workloads")
    public String planWorkloads;
    /** The plan's moves and their progress ({@link io.skybridge.failover.saga.MoveLedger}), JSON. */
    @Column(name = "moves")
    public String moves;
    @Column(name = "declared_at", nullable = false)
    public Instant declaredAt;
    @Column(name = "plan_at")
    public Instant planAt;
    @Column(name = "capacity_at")
    public Instant capacityAt;
    @Column(name = "moves_at")
    public Instant movesAt;
    @Column(name = "ready_at")
    public Instant readyAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "capacity_pool")
    public String capacityPool;
    @Column(name = "capacity_before")
    public Integer capacityBefore;
    @Column(name = "capacity_target")
    public Integer capacityTarget;
    @Column(name = "capacity_intent_id")
    public String capacityIntentId;
    /** Link ids asked to be isolated (COMPROMISE), comma-separated. */
    @Column(name = "isolated_links")
    public String isolatedLinks;
    /** null, REQUESTED, RUNNING, COMPLETED or FAILED. */
    @Column(name = "failback_status")
    public String failbackStatus;
    @Column(name = "failback_automatic", nullable = false)
    public boolean failbackAutomatic;
    @Column(name = "failback_requested_by")
    public String failbackRequestedBy;
    @Column(name = "failback_completed_at")
    public Instant failbackCompletedAt;

    public static final String REQUESTED = "REQUESTED";
}

package io.skybridge.failover.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One outage of one cloud (or region), from declaration to clearance. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {
    @Id
    public String id;
    @Column(nullable = false)
    public String cloud;
    public String region;
    @Column(nullable = false)
    public long epoch;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IncidentState state;
    @Column(nullable = false)
    public boolean manual;
    @Column(name = "declared_by", nullable = false)
    public String declaredBy;
    @Column(nullable = false)
    public String reason;
    @Column(name = "declared_at", nullable = false)
    public Instant declaredAt;
    @Column(name = "cleared_at")
    public Instant clearedAt;
    /** OUTAGE or COMPROMISE. */
    @Column(nullable = false)
    public String kind = OUTAGE;
    @Column(name = "first_evidence_at")
    public Instant firstEvidenceAt;

    /** W3C trace context of the span that started this story (null: not traced); its messages continue that trace. */
    @Column(name = "traceparent")
    public String traceparent;

    public static final String OUTAGE = "OUTAGE";
    public static final String COMPROMISE = "COMPROMISE";

    public boolean compromise() {
        return COMPROMISE.equals(kind);
    }
}

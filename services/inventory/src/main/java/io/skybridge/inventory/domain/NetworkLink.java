package io.skybridge.inventory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A cross-cloud link as networking's events describe it. */
@Entity
@Table(name = "network_link")
public class NetworkLink extends PanacheEntityBase {
    @Id
    public String id;
    public String mode;
    @Column(name = "aws_cidr")
    public String awsCidr;
    @Column(name = "gcp_cidr")
    public String gcpCidr;
    @Column(name = "aws_asn")
    public Long awsAsn;
    @Column(name = "gcp_asn")
    public Long gcpAsn;
    /** ESTABLISHED, DEGRADED, ISOLATED, FAILED or TORN_DOWN. */
    public String state;
    @Column(name = "tunnels_up")
    public Integer tunnelsUp;
    @Column(name = "tunnels_total")
    public Integer tunnelsTotal;
    /** Time of the newest state event applied: older ones only fill in missing details. */
    @Column(name = "last_event_at")
    public Instant lastEventAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}

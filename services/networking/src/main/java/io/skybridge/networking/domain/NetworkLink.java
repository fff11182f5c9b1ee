package io.skybridge.networking.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A requested link between an AWS VPC and a GCP VPC network. */
@Entity
@Table(name = "network_link")
public class NetworkLink extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "aws_account")
    public String awsAccount;
    @Column(name = "aws_region", nullable = false)
    public String awsRegion;
    @Column(name = "aws_vpc_id", nullable = false)
    public String awsVpcId;
    @Column(name = "aws_cidr", nullable = false)
    public String awsCidr;

    @Column(name = "gcp_project", nullable = false)
    public String gcpProject;
    @Column(name = "gcp_region", nullable = false)
    public String gcpRegion;
    @Column(name = "gcp_network", nullable = false)
    public String gcpNetwork;
    @Column(name = "gcp_cidr", nullable = false)
    public String gcpCidr;

    @Column(nullable = false)
    public String mode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LinkPhase phase;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "intent_id", nullable = false)
    public String intentId;

    /** Optimistic lock: the saga, the monitor and intents never overwrite each other's changes. */
    @jakarta.persistence.Version
    public long version;

    @Column(name = "aws_asn")
    public Long awsAsn;

    @Column(name = "gcp_asn")
    public Long gcpAsn;

    /** The saga step running or that failed. */
    @Column(name = "current_step")
    public String currentStep;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "failure_message")
    public String failureMessage;

    @Column(name = "tunnels_up", nullable = false)
    public int tunnelsUp;

    /** The correlation id of the intent that made the link: the saga's events continue its story. */
    @Column(name = "correlation_id")
    public String correlationId;

    /** W3C trace context of the span that started this story (null: not traced); its messages continue that trace. */
    @Column(name = "traceparent")
    public String traceparent;


    /** The HA VPN gateway's two interface IPs, comma-separated, once known. */
    @Column(name = "ha_interface_ips")
    public String haInterfaceIps;

    /** The cloud this link is isolated from (compromised), while ISOLATING/ISOLATED/RESTORING. */
    @Column(name = "isolated_cloud")
    public String isolatedCloud;

    @Column(name = "incident_id")
    public String incidentId;

    @Column(name = "fence_epoch", nullable = false)
    public long fenceEpoch;

    @Column(name = "restore_pending", nullable = false)
    public boolean restorePending;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean ha() {
        return !"BASIC".equals(mode);
    }

    /** Four tunnels in HA mode (two per AWS VPN connection), two in BASIC mode. */
    public int tunnelCount() {
        return ha() ? 4 : 2;
    }

    /**
     * Deterministic GCP resource names, unique per link, at most 63 characters (a long link id ends in a hash of the
     * whole name instead of failing at the step that creates the resource).
     */
    public String gcpName(String suffix) {
        return io.skybridge.shared.domain.Names.fit(("sb-" + id + "-" + suffix).toLowerCase());
    }
}

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

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

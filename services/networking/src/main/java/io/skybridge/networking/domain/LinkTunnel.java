package io.skybridge.networking.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One IPsec tunnel of a link: GCP HA VPN interface {@code gcpInterface} ↔ AWS VPN connection
 * {@code awsConnection}'s tunnel with outside IP {@code awsOutsideIp}. The pre-shared key is kept only
 * to configure both ends and is never logged or returned by the API.
 */
@Entity
@Table(name = "link_tunnel")
public class LinkTunnel extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "link_id", nullable = false)
    public String linkId;
    @Column(nullable = false)
    public int idx;
    @Column(name = "inside_cidr", nullable = false)
    public String insideCidr;
    @Column(name = "pre_shared_key", nullable = false)
    public String preSharedKey;
    @Column(name = "gcp_name", nullable = false)
    public String gcpName;
    @Column(name = "gcp_interface", nullable = false)
    public int gcpInterface;
    @Column(name = "aws_connection", nullable = false)
    public int awsConnection;
    @Column(name = "aws_connection_id")
    public String awsConnectionId;
    @Column(name = "aws_outside_ip")
    public String awsOutsideIp;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TunnelState status;
    @Column(name = "aws_status")
    public String awsStatus;
    @Column(name = "gcp_status")
    public String gcpStatus;
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Override
    public String toString() {
        return "LinkTunnel[" + id + " " + insideCidr + " " + status + "]";
    }
}

package io.skybridge.contracts.networking;

/** The GCP end of a link: a VPC network (and the region its HA VPN gateway lives in) of a project. */
public record GcpNetworkRef(String project, String region, String network, String cidr) {
}

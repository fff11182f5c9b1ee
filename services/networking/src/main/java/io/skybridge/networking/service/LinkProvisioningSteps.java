package io.skybridge.networking.service;

import io.skybridge.networking.cloud.AwsVpnApi;
import io.skybridge.networking.cloud.GcpVpnApi;
import io.skybridge.networking.domain.InsideCidrAllocator;
import io.skybridge.networking.domain.LinkTunnel;
import io.skybridge.networking.domain.NetworkLink;
import io.skybridge.networking.repository.LinkStore.LinkSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The HA VPN topology Google documents for AWS peers, as ordered steps: GCP HA VPN gateway and Cloud
 * Router first (AWS's customer gateways need the HA interface IPs), then the AWS side (whose tunnel
 * outside IPs the GCP external gateway needs), then tunnels, BGP and firewall on GCP.
 */
@ApplicationScoped
public class LinkProvisioningSteps {
    public static final String GCP_HA_GATEWAY = "gcp-ha-vpn-gateway";
    public static final String GCP_ROUTER = "gcp-cloud-router";
    public static final String AWS_VPN_GATEWAY = "aws-vpn-gateway";
    public static final String AWS_CUSTOMER_GATEWAYS = "aws-customer-gateways";
    public static final String AWS_VPN_CONNECTIONS = "aws-vpn-connections";
    public static final String AWS_ROUTING = "aws-routing-and-ingress";
    public static final String GCP_EXTERNAL_GATEWAY = "gcp-external-vpn-gateway";
    public static final String GCP_TUNNELS = "gcp-vpn-tunnels";
    public static final String GCP_BGP = "gcp-bgp-sessions";
    public static final String GCP_FIREWALL = "gcp-firewall";

    @Inject
    AwsVpnApi aws;

    @Inject
    GcpVpnApi gcp;

    public List<LinkStep> steps() {
        return List.of(
                LinkStep.of(GCP_HA_GATEWAY, this::haGateway),
                LinkStep.of(GCP_ROUTER, this::router),
                LinkStep.of(AWS_VPN_GATEWAY, this::vpnGateway),
                LinkStep.of(AWS_CUSTOMER_GATEWAYS, this::customerGateways),
                LinkStep.of(AWS_VPN_CONNECTIONS, this::vpnConnections),
                LinkStep.of(AWS_ROUTING, this::routing),
                LinkStep.of(GCP_EXTERNAL_GATEWAY, this::externalGateway),
                LinkStep.of(GCP_TUNNELS, this::tunnels),
                LinkStep.of(GCP_BGP, this::bgp),
                LinkStep.of(GCP_FIREWALL, this::firewall));
    }

    /** Compute Engine dedupes a repeated request id: derive it from the link, the step and a part number. */
    static String requestId(NetworkLink link, String step, int part) {
        return UUID.nameUUIDFromBytes((link.intentId + "/" + link.id + "/" + step + "/" + part).getBytes()).toString();
    }

    private void haGateway(LinkSnapshot s, LinkStep.StepRecorder rec) {
        NetworkLink l = s.link();
        String name = l.gcpName("havpn");
        rec.created("gcp", "vpnGateways", name, l.gcpRegion);
        List<String> ips = gcp.createHaVpnGateway(l.gcpProject, l.gcpRegion, l.gcpNetwork, name, requestId(l, GCP_HA_GATEWAY, 0));
        l.haInterfaceIps = String.join(",", ips);
    }

    private void router(LinkSnapshot s, LinkStep.StepRecorder rec) {
        NetworkLink l = s.link();
        String name = l.gcpName("router");
        rec.created("gcp", "routers", name, l.gcpRegion);
        gcp.createRouter(l.gcpProject, l.gcpRegion, l.gcpNetwork, name, l.gcpAsn, requestId(l, GCP_ROUTER, 0));
    }

    private void vpnGateway(LinkSnapshot s, LinkStep.StepRecorder rec) {
        NetworkLink l = s.link();
        String vgw = aws.createVpnGateway(l.awsRegion, l.id, l.awsAsn);
        rec.created("aws", "vpn-gateway", vgw, l.awsRegion);
        aws.attachVpnGateway(l.awsRegion, vgw, l.awsVpcId);
    }

    private void customerGateways(LinkSnapshot s, LinkStep.StepRecorder rec) {
        NetworkLink l = s.link();
        String[] ips = l.haInterfaceIps.split(",");
        int connections = l.ha() ? 2 : 1;
        for (int i = 0; i < connections; i++) {
            String cgw = aws.createCustomerGateway(l.awsRegion, l.id, i, ips[i], l.gcpAsn);
            rec.created("aws", "customer-gateway", cgw, l.awsRegion);
        }
    }

    private void vpnConnections(LinkSnapshot s, LinkStep.StepRecorder rec) {
        NetworkLink l = s.link();
        String vgw = resource(s, "aws", "vpn-gateway").get(0);
        List<String> cgws = resource(s, "aws", "customer-gateway");
        for (int c = 0; c < cgws.size(); c++) {
            int connection = c;
            List<LinkTunnel> tunnels = s.tunnels().stream().filter(t -> t.awsConnection == connection).toList();
            AwsVpnApi.VpnConnection made = aws.createVpnConnection(l.awsRegion, l.id, c, vgw, cgws.get(c),
                    tunnels.stream().map(t -> new AwsVpnApi.TunnelSpec(t.insideCidr, t.preSharedKey)).toList());
            rec.created("aws", "vpn-connection", made.id(), l.awsRegion);
            for (int i = 0; i < tunnels.size(); i++) {
                tunnels.get(i).awsConnectionId = made.id();
                tunnels.get(i).awsOutsideIp = made.outsideIps().get(i);
            }
        }
    }

    private void routing(LinkSnapshot s, LinkStep.StepRecorder rec) {
        NetworkLink l = s.link();
        String vgw = resource(s, "aws", "vpn-gateway").get(0);
        aws.enableRoutePropagation(l.awsRegion, l.awsVpcId, vgw);
        rec.created("aws", "sg-ingress", l.gcpCidr, l.awsRegion);
        aws.allowIngressFrom(l.awsRegion, l.awsVpcId, l.gcpCidr);
    }

    private void externalGateway(LinkSnapshot s, LinkStep.StepRecorder rec) {
        NetworkLink l = s.link();
        String name = l.gcpName("peer");
        rec.created("gcp", "externalVpnGateways", name, null);
        List<String> outside = s.tunnels().stream().map(t -> t.awsOutsideIp).toList();
        gcp.createExternalVpnGateway(l.gcpProject, name, outside, requestId(l, GCP_EXTERNAL_GATEWAY, 0));
    }

    private void tunnels(LinkSnapshot s, LinkStep.StepRecorder rec) {
        NetworkLink l = s.link();
        for (LinkTunnel t : s.tunnels()) {
            rec.created("gcp", "vpnTunnels", t.gcpName, l.gcpRegion);
            gcp.createTunnel(l.gcpProject, l.gcpRegion, new GcpVpnApi.TunnelSpec(t.gcpName, t.gcpInterface, t.idx,
                    t.preSharedKey), l.gcpName("havpn"), l.gcpName("peer"), l.gcpName("router"),
                    requestId(l, GCP_TUNNELS, t.idx));
        }
    }

    private void bgp(LinkSnapshot s, LinkStep.StepRecorder rec) {
        NetworkLink l = s.link();
        List<GcpVpnApi.BgpPeerSpec> peers = new ArrayList<>();
        for (LinkTunnel t : s.tunnels()) {
            peers.add(new GcpVpnApi.BgpPeerSpec(t.gcpName + "-bgp", t.gcpName,
                    InsideCidrAllocator.gcpInsideRange(t.insideCidr), InsideCidrAllocator.awsInsideIp(t.insideCidr), l.awsAsn));
        }
        gcp.configureBgp(l.gcpProject, l.gcpRegion, l.gcpName("router"), peers, requestId(l, GCP_BGP, 0));
    }

    private void firewall(LinkSnapshot s, LinkStep.StepRecorder rec) {
        NetworkLink l = s.link();
        String name = l.gcpName("allow-peer");
        rec.created("gcp", "firewalls", name, null);
        gcp.createFirewall(l.gcpProject, l.gcpNetwork, name, l.awsCidr, requestId(l, GCP_FIREWALL, 0));
    }

    private static List<String> resource(LinkSnapshot s, String cloud, String kind) {
        return s.resources().stream().filter(r -> r.cloud.equals(cloud) && r.kind.equals(kind))
                .map(r -> r.providerId).toList();
    }
}

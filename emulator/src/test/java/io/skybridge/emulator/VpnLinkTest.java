package io.skybridge.emulator;

import com.google.cloud.compute.v1.ExternalVpnGateway;
import com.google.cloud.compute.v1.ExternalVpnGatewayInterface;
import com.google.cloud.compute.v1.ExternalVpnGatewaysClient;
import com.google.cloud.compute.v1.Router;
import com.google.cloud.compute.v1.RouterBgp;
import com.google.cloud.compute.v1.RouterBgpPeer;
import com.google.cloud.compute.v1.RouterInterface;
import com.google.cloud.compute.v1.RouterStatusBgpPeerStatus;
import com.google.cloud.compute.v1.RoutersClient;
import com.google.cloud.compute.v1.VpnGateway;
import com.google.cloud.compute.v1.VpnGatewaysClient;
import com.google.cloud.compute.v1.VpnTunnel;
import com.google.cloud.compute.v1.VpnTunnelsClient;
import io.skybridge.emulator.world.Cloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.TelemetryStatus;
import software.amazon.awssdk.services.ec2.model.TunnelOption;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnConnectionOptionsSpecification;
import software.amazon.awssdk.services.ec2.model.VpnTunnelOptionsSpecification;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static io.skybridge.emulator.GceClients.PROJECT;
import static io.skybridge.emulator.GceClients.REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An HA VPN between the two emulated clouds, built with both real SDKs, following both ends and outages. */
class VpnLinkTest {
    static Emulator emu;
    static Ec2Client ec2;
    static VpnGatewaysClient gateways;
    static ExternalVpnGatewaysClient externals;
    static VpnTunnelsClient tunnels;
    static RoutersClient routers;

    /** What {@link #buildLink} created. */
    record Link(List<VpnConnection> connections, List<TunnelOption> awsTunnels, String vgwId) {
    }

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorConfig.forTests());
        ec2 = TestClients.ec2(emu);
        gateways = GceClients.vpnGateways(emu);
        externals = GceClients.externalVpnGateways(emu);
        tunnels = GceClients.vpnTunnels(emu);
        routers = GceClients.routers(emu);
    }

    @AfterAll
    static void stop() {
        ec2.close();
        gateways.close();
        externals.close();
        tunnels.close();
        routers.close();
        emu.close();
    }

    @BeforeEach
    void reset() {
        emu.reset();
    }

    static String url(String path) {
        return emu.gcpComputeBaseUrl() + "projects/" + PROJECT + "/" + path;
    }

    /** AWS VGW + 2 customer gateways + 2 VPN connections; GCP HA gateway + router; returns before GCP tunnels exist. */
    static Link buildLink() throws Exception {
        String vpcId = ec2.describeVpcs().vpcs().get(0).vpcId();
        String vgw = ec2.createVpnGateway(b -> b.type(GatewayType.IPSEC_1).amazonSideAsn(64512L)).vpnGateway().vpnGatewayId();
        assertEquals("attached", ec2.attachVpnGateway(b -> b.vpcId(vpcId).vpnGatewayId(vgw)).vpcAttachment().stateAsString());
        String rtb = ec2.describeRouteTables().routeTables().get(0).routeTableId();
        ec2.enableVgwRoutePropagation(b -> b.gatewayId(vgw).routeTableId(rtb));

        gateways.insertAsync(PROJECT, REGION, VpnGateway.newBuilder().setName("gcp-ha").setNetwork("global/networks/skybridge-vpc").build()).get();
        VpnGateway ha = gateways.get(PROJECT, REGION, "gcp-ha");
        assertEquals(2, ha.getVpnInterfacesCount());
        routers.insertAsync(PROJECT, REGION, Router.newBuilder().setName("gcp-router").setNetwork("global/networks/skybridge-vpc")
            .setBgp(RouterBgp.newBuilder().setAsn(65010).build()).build()).get();

        List<VpnConnection> conns = new ArrayList<>();
        List<TunnelOption> awsTunnels = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            String gcpIp = ha.getVpnInterfaces(g).getIpAddress();
            String cgw = ec2.createCustomerGateway(b -> b.type(GatewayType.IPSEC_1).bgpAsn(65010).ipAddress(gcpIp)).customerGateway().customerGatewayId();
            int n = g;
            VpnConnection c = ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(cgw).vpnGatewayId(vgw)
                .options(VpnConnectionOptionsSpecification.builder().staticRoutesOnly(false).tunnelOptions(
                    VpnTunnelOptionsSpecification.builder().tunnelInsideCidr("169.254." + (10 + 2 * n) + ".0/30").preSharedKey("secret_key_" + n + "a").build(),
                    VpnTunnelOptionsSpecification.builder().tunnelInsideCidr("169.254." + (11 + 2 * n) + ".0/30").build()).build())).vpnConnection();
            assertEquals(2, c.options().tunnelOptions().size());
            conns.add(c);
            awsTunnels.addAll(c.options().tunnelOptions());
        }
        ExternalVpnGateway.Builder ext = ExternalVpnGateway.newBuilder().setName("aws-peer").setRedundancyType("FOUR_IPS_REDUNDANCY");
        for (int i = 0; i < 4; i++) {
            ext.addInterfaces(ExternalVpnGatewayInterface.newBuilder().setId(i).setIpAddress(awsTunnels.get(i).outsideIpAddress()).build());
        }
        externals.insertAsync(PROJECT, ext.build()).get();
        return new Link(conns, awsTunnels, vgw);
    }

    static void insertGcpTunnels(Link link, int count, String overrideSecret) throws Exception {
        for (int i = 0; i < count; i++) {
            tunnels.insertAsync(PROJECT, REGION, VpnTunnel.newBuilder().setName("tunnel-" + i)
                .setVpnGateway(url("regions/us-central1/vpnGateways/gcp-ha")).setVpnGatewayInterface(i / 2)
                .setPeerExternalGateway(url("global/externalVpnGateways/aws-peer")).setPeerExternalGatewayInterface(i)
                .setSharedSecret(overrideSecret != null ? overrideSecret : link.awsTunnels.get(i).preSharedKey())
                .setRouter(url("regions/us-central1/routers/gcp-router")).setIkeVersion(2).build()).get();
        }
    }

    static void configureBgp(Link link, int count) throws Exception {
        Router.Builder r = routers.get(PROJECT, REGION, "gcp-router").toBuilder().clearInterfaces().clearBgpPeers();
        for (int i = 0; i < count; i++) {
            String inside = link.awsTunnels.get(i).tunnelInsideCidr();
            String base = inside.substring(0, inside.lastIndexOf('.') + 1);
            r.addInterfaces(RouterInterface.newBuilder().setName("if-" + i).setLinkedVpnTunnel(url("regions/us-central1/vpnTunnels/tunnel-" + i))
                .setIpRange(base + "2/30").build());
            r.addBgpPeers(RouterBgpPeer.newBuilder().setName("aws-" + i).setInterfaceName("if-" + i).setPeerIpAddress(base + "1").setPeerAsn(64512).build());
        }
        routers.patchAsync(PROJECT, REGION, "gcp-router", r.build()).get();
    }

    static List<String> awsStatus() {
        return ec2.describeVpnConnections().vpnConnections().stream().filter(c -> c.stateAsString().equals("available"))
            .flatMap(c -> c.vgwTelemetry().stream()).map(t -> t.statusAsString()).collect(Collectors.toList());
    }

    static List<String> gcpStatus() {
        List<String> out = new ArrayList<>();
        tunnels.list(PROJECT, REGION).iterateAll().forEach(t -> out.add(t.getStatus()));
        return out;
    }

    @Test
    void shouldBringTunnelsUpOnlyWhenBothEndsExistAndMatch() throws Exception {
        Link link = buildLink();
        assertEquals(List.of("DOWN", "DOWN", "DOWN", "DOWN"), awsStatus());
        TunnelOption t0 = link.awsTunnels.get(0);
        assertEquals("169.254.10.0/30", t0.tunnelInsideCidr());
        assertEquals("secret_key_0a", t0.preSharedKey());
        assertTrue(link.awsTunnels.get(1).preSharedKey().length() >= 8, "generated pre-shared key");
        assertNotEquals(link.awsTunnels.get(0).outsideIpAddress(), link.awsTunnels.get(1).outsideIpAddress());

        insertGcpTunnels(link, 4, null);
        assertEquals(List.of("ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED"), gcpStatus());
        assertEquals(List.of("UP", "UP", "UP", "UP"), awsStatus());
        VpnTunnel t = tunnels.get(PROJECT, REGION, "tunnel-0");
        assertEquals(t0.outsideIpAddress(), t.getPeerIp());
        assertEquals("compute#vpnTunnel", t.getKind());
        assertTrue(t.getSelfLink().endsWith("/regions/us-central1/vpnTunnels/tunnel-0"));
        assertNotEquals(t0.preSharedKey(), t.getSharedSecret(), "the API never returns the secret");

        configureBgp(link, 4);
        List<RouterStatusBgpPeerStatus> peers = routers.getRouterStatus(PROJECT, REGION, "gcp-router").getResult().getBgpPeerStatusList();
        assertEquals(4, peers.size());
        for (RouterStatusBgpPeerStatus p : peers) {
            assertEquals("UP", p.getStatus(), p.toString());
            assertEquals(1, p.getNumLearnedRoutes());
        }
        assertEquals("10.200.0.0/16", routers.getRouterStatus(PROJECT, REGION, "gcp-router").getResult().getBestRoutes(0).getDestRange());
        List<String> propagated = ec2.describeRouteTables().routeTables().get(0).routes().stream()
            .filter(r -> link.vgwId.equals(r.gatewayId())).map(r -> r.destinationCidrBlock()).toList();
        assertEquals(List.of("10.201.0.0/20", "10.201.16.0/20"), propagated);
    }

    @Test
    void shouldReportNegotiationFailureForAMismatchedSecret() throws Exception {
        Link link = buildLink();
        insertGcpTunnels(link, 1, "not-the-aws-key");
        assertEquals("NEGOTIATION_FAILURE", tunnels.get(PROJECT, REGION, "tunnel-0").getStatus());
        assertEquals(List.of("DOWN", "DOWN", "DOWN", "DOWN"), awsStatus());
    }

    @Test
    void shouldTakeTunnelsDownDuringAnOutageOfEitherCloudAndRestoreThem() throws Exception {
        Link link = buildLink();
        insertGcpTunnels(link, 4, null);
        configureBgp(link, 4);
        assertEquals(List.of("UP", "UP", "UP", "UP"), awsStatus());

        emu.startOutage(Cloud.AWS);
        assertEquals(List.of("NO_INCOMING_PACKETS", "NO_INCOMING_PACKETS", "NO_INCOMING_PACKETS", "NO_INCOMING_PACKETS"), gcpStatus());
        assertEquals("DOWN", routers.getRouterStatus(PROJECT, REGION, "gcp-router").getResult().getBgpPeerStatus(0).getStatus());
        emu.clearOutage(Cloud.AWS);
        assertEquals(List.of("UP", "UP", "UP", "UP"), awsStatus());

        emu.startOutage(Cloud.GCP, REGION, io.skybridge.emulator.control.OutageMode.UNAVAILABLE);
        assertEquals(List.of("DOWN", "DOWN", "DOWN", "DOWN"), awsStatus());
        assertTrue(ec2.describeVpnConnections().vpnConnections().get(0).vgwTelemetry().get(0).statusMessage().contains("IPSEC IS DOWN"));
        emu.clearOutage(Cloud.GCP);
        assertEquals(List.of("ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED"), gcpStatus());
        assertEquals(List.of("UP", "UP", "UP", "UP"), awsStatus());
        assertTrue(emu.events().stream().anyMatch(e -> e.type().equals("vpnTunnel.status") && "DOWN".equals(e.details().get("to"))));
    }

    @Test
    void shouldFollowDeletionOfEitherEnd() throws Exception {
        Link link = buildLink();
        insertGcpTunnels(link, 4, null);
        tunnels.deleteAsync(PROJECT, REGION, "tunnel-3").get();
        assertEquals(List.of("UP", "UP", "UP", "DOWN"), awsStatus());
        ec2.deleteVpnConnection(b -> b.vpnConnectionId(link.connections.get(0).vpnConnectionId()));
        assertEquals("deleted", ec2.describeVpnConnections(b -> b.vpnConnectionIds(link.connections.get(0).vpnConnectionId()))
            .vpnConnections().get(0).stateAsString());
        assertEquals(List.of("NO_INCOMING_PACKETS", "NO_INCOMING_PACKETS", "ESTABLISHED"), gcpStatus());
        Ec2Exception nf = assertThrows(Ec2Exception.class, () -> ec2.deleteVpnConnection(b -> b.vpnConnectionId("vpn-0000000000000dead")));
        assertEquals("InvalidVpnConnectionID.NotFound", nf.awsErrorDetails().errorCode());
    }

    @Test
    void shouldDescribeVpnConnectionsWithTelemetryPerTunnel() throws Exception {
        Link link = buildLink();
        insertGcpTunnels(link, 2, null);
        VpnConnection c = ec2.describeVpnConnections(b -> b.vpnConnectionIds(link.connections.get(0).vpnConnectionId())).vpnConnections().get(0);
        assertEquals(2, c.vgwTelemetry().size());
        assertEquals(TelemetryStatus.UP, c.vgwTelemetry().get(0).status());
        assertEquals(link.awsTunnels.get(0).outsideIpAddress(), c.vgwTelemetry().get(0).outsideIpAddress());
        assertTrue(c.customerGatewayConfiguration().contains("<pre_shared_key>secret_key_0a</pre_shared_key>"));
        assertEquals(link.vgwId, c.vpnGatewayId());
        Ec2Exception dup = assertThrows(Ec2Exception.class, () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
            .customerGatewayId(c.customerGatewayId()).vpnGatewayId(link.vgwId)));
        assertEquals(400, dup.statusCode());
        Ec2Exception badCidr = assertThrows(Ec2Exception.class, () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
            .customerGatewayId(ec2.createCustomerGateway(x -> x.type(GatewayType.IPSEC_1).bgpAsn(65011).ipAddress("203.0.113.9")).customerGateway().customerGatewayId())
            .vpnGatewayId(link.vgwId).options(VpnConnectionOptionsSpecification.builder()
                .tunnelOptions(VpnTunnelOptionsSpecification.builder().tunnelInsideCidr("10.0.0.0/30").build()).build())));
        assertEquals("InvalidParameterValue", badCidr.awsErrorDetails().errorCode());
    }
}

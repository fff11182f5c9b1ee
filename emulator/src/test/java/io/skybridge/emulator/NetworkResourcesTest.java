package io.skybridge.emulator;

import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.compute.v1.Allowed;
import com.google.cloud.compute.v1.ExternalVpnGateway;
import com.google.cloud.compute.v1.ExternalVpnGatewayInterface;
import com.google.cloud.compute.v1.ExternalVpnGatewaysClient;
import com.google.cloud.compute.v1.Firewall;
import com.google.cloud.compute.v1.FirewallsClient;
import com.google.cloud.compute.v1.Network;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.Subnetwork;
import com.google.cloud.compute.v1.SubnetworksClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static io.skybridge.emulator.GceClients.PROJECT;
import static io.skybridge.emulator.GceClients.REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkResourcesTest {
    static Emulator emu;
    static Ec2Client ec2;
    static NetworksClient networks;
    static SubnetworksClient subnetworks;
    static FirewallsClient firewalls;
    static ExternalVpnGatewaysClient externals;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorConfig.forTests());
        ec2 = TestClients.ec2(emu);
        networks = GceClients.networks(emu);
        subnetworks = GceClients.subnetworks(emu);
        firewalls = GceClients.firewalls(emu);
        externals = GceClients.externalVpnGateways(emu);
    }

    @AfterAll
    static void stop() {
        ec2.close();
        networks.close();
        subnetworks.close();
        firewalls.close();
        externals.close();
        emu.close();
    }

    @BeforeEach
    void reset() {
        emu.reset();
    }

    @Test
    void shouldServeTheSeededGcpNetworkAndSubnetworks() {
        Network net = networks.get(PROJECT, "skybridge-vpc");
        assertEquals("compute#network", net.getKind());
        assertEquals(2, net.getSubnetworksCount());
        List<String> names = new ArrayList<>();
        networks.list(PROJECT).iterateAll().forEach(n -> names.add(n.getName()));
        assertEquals(List.of("skybridge-vpc"), names);
        List<String> ranges = new ArrayList<>();
        subnetworks.list(PROJECT, REGION).iterateAll().forEach(s -> ranges.add(s.getIpCidrRange()));
        assertEquals(List.of("10.201.0.0/20", "10.201.16.0/20"), ranges);
        Subnetwork s = subnetworks.get(PROJECT, REGION, "skybridge-nodes");
        assertEquals(net.getSelfLink(), s.getNetwork());
        assertEquals("10.201.0.1", s.getGatewayAddress());
        assertTrue(s.getRegion().endsWith("/regions/us-central1"));
        assertThrows(NotFoundException.class, () -> networks.get(PROJECT, "default"));
    }

    @Test
    void shouldInsertAndGetFirewallsAndValidateThem() throws Exception {
        firewalls.insertAsync(PROJECT, Firewall.newBuilder().setName("allow-ipsec").setNetwork("global/networks/skybridge-vpc")
            .addAllowed(Allowed.newBuilder().setIPProtocol("udp").addPorts("500").addPorts("4500").build())
            .addAllowed(Allowed.newBuilder().setIPProtocol("esp").build())
            .addSourceRanges("10.200.0.0/16").build()).get();
        Firewall fw = firewalls.get(PROJECT, "allow-ipsec");
        assertEquals("INGRESS", fw.getDirection());
        assertEquals(1000, fw.getPriority());
        assertEquals(List.of("500", "4500"), fw.getAllowed(0).getPortsList());
        assertTrue(fw.getNetwork().endsWith("/global/networks/skybridge-vpc"));
        ExecutionException noRules = assertThrows(ExecutionException.class, () -> firewalls.insertAsync(PROJECT,
            Firewall.newBuilder().setName("empty").setNetwork("global/networks/skybridge-vpc").build()).get());
        assertInstanceOf(InvalidArgumentException.class, noRules.getCause());
        ExecutionException dup = assertThrows(ExecutionException.class, () -> firewalls.insertAsync(PROJECT, fw.toBuilder().clearId().build()).get());
        assertEquals(409, ((com.google.api.gax.rpc.ApiException) dup.getCause()).getStatusCode().getCode().getHttpStatusCode());
    }

    @Test
    void shouldRefuseToDeleteAGatewayStillUsedByATunnelAndValidateRouterPatches() throws Exception {
        try (var gateways = GceClients.vpnGateways(emu); var routers = GceClients.routers(emu); var tunnels = GceClients.vpnTunnels(emu)) {
            gateways.insertAsync(PROJECT, REGION, com.google.cloud.compute.v1.VpnGateway.newBuilder().setName("gw").setNetwork("global/networks/skybridge-vpc").build()).get();
            routers.insertAsync(PROJECT, REGION, com.google.cloud.compute.v1.Router.newBuilder().setName("r").setNetwork("global/networks/skybridge-vpc")
                .setBgp(com.google.cloud.compute.v1.RouterBgp.newBuilder().setAsn(65010).build()).build()).get();
            tunnels.insertAsync(PROJECT, REGION, com.google.cloud.compute.v1.VpnTunnel.newBuilder().setName("t").setVpnGateway("regions/us-central1/vpnGateways/gw")
                .setPeerIp("198.51.100.7").setSharedSecret("s3cret-value").setRouter("regions/us-central1/routers/r").build()).get();
            assertEquals("NO_INCOMING_PACKETS", tunnels.get(PROJECT, REGION, "t").getStatus());
            ExecutionException inUse = assertThrows(ExecutionException.class, () -> gateways.deleteAsync(PROJECT, REGION, "gw").get());
            assertTrue(chain(inUse).contains("resourceInUseByAnotherResource") || chain(inUse).contains("already being used"), chain(inUse));
            ExecutionException badPeer = assertThrows(ExecutionException.class, () -> routers.patchAsync(PROJECT, REGION, "r",
                com.google.cloud.compute.v1.Router.newBuilder().addBgpPeers(com.google.cloud.compute.v1.RouterBgpPeer.newBuilder()
                    .setName("p").setInterfaceName("missing-if").setPeerAsn(64512).build()).build()).get());
            assertInstanceOf(InvalidArgumentException.class, badPeer.getCause());
            ExecutionException badAsn = assertThrows(ExecutionException.class, () -> routers.patchAsync(PROJECT, REGION, "r",
                com.google.cloud.compute.v1.Router.newBuilder().setBgp(com.google.cloud.compute.v1.RouterBgp.newBuilder().setAsn(15169).build()).build()).get());
            assertInstanceOf(InvalidArgumentException.class, badAsn.getCause());
            assertEquals(65010, routers.get(PROJECT, REGION, "r").getBgp().getAsn());
            tunnels.deleteAsync(PROJECT, REGION, "t").get();
            gateways.deleteAsync(PROJECT, REGION, "gw").get();
            assertThrows(NotFoundException.class, () -> gateways.get(PROJECT, REGION, "gw"));
        }
    }

    @Test
    void shouldMarkUnreachableScopesInAggregatedListsDuringARegionalOutage() throws Exception {
        try (var instances = GceClients.instances(emu)) {
            subnetworks.insertAsync(PROJECT, "europe-west1", Subnetwork.newBuilder().setName("eu-nodes").setNetwork("global/networks/skybridge-vpc")
                .setIpCidrRange("10.201.64.0/20").build()).get();
            instances.insertAsync(PROJECT, "europe-west1-b", GceClients.vm("eu-1", java.util.Map.of()).toBuilder()
                .setMachineType("zones/europe-west1-b/machineTypes/e2-small").clearNetworkInterfaces()
                .addNetworkInterfaces(com.google.cloud.compute.v1.NetworkInterface.newBuilder().setSubnetwork("regions/europe-west1/subnetworks/eu-nodes").build())
                .build()).get();
            instances.insertAsync(PROJECT, "us-central1-a", GceClients.vm("us-1", java.util.Map.of())).get();
            emu.startOutage(io.skybridge.emulator.world.Cloud.GCP, "us-central1", io.skybridge.emulator.control.OutageMode.UNAVAILABLE);
            TestClients.Reply r = TestClients.http("GET", emu.gcpComputeBaseUrl() + "projects/skybridge-demo/aggregated/instances", null, null);
            assertEquals(200, r.status());
            assertTrue(r.body().contains("\"code\":\"UNREACHABLE\""), r.body());
            assertTrue(!r.body().contains("\"name\":\"us-1\""), r.body());
            assertTrue(r.body().contains("\"name\":\"eu-1\""), r.body());
            assertTrue(r.body().contains("\"networkIP\":\"10.201.64.2\""), r.body());
        }
    }

    @Test
    void shouldSetLabelsWithTheCurrentFingerprintOnly() throws Exception {
        try (var instances = GceClients.instances(emu)) {
            instances.insertAsync(PROJECT, "us-central1-a", GceClients.vm("lab-1", java.util.Map.of("env", "dev"))).get();
            String fp = instances.get(PROJECT, "us-central1-a", "lab-1").getLabelFingerprint();
            instances.setLabelsAsync(PROJECT, "us-central1-a", "lab-1", com.google.cloud.compute.v1.InstancesSetLabelsRequest.newBuilder()
                .setLabelFingerprint(fp).putLabels("env", "prod").build()).get();
            assertEquals("prod", instances.get(PROJECT, "us-central1-a", "lab-1").getLabelsMap().get("env"));
            ExecutionException stale = assertThrows(ExecutionException.class, () -> instances.setLabelsAsync(PROJECT, "us-central1-a", "lab-1",
                com.google.cloud.compute.v1.InstancesSetLabelsRequest.newBuilder().setLabelFingerprint(fp).putLabels("env", "qa").build()).get());
            assertInstanceOf(com.google.api.gax.rpc.FailedPreconditionException.class, stale.getCause());
            assertTrue(chain(stale).contains("412"), chain(stale));
            assertEquals("prod", instances.get(PROJECT, "us-central1-a", "lab-1").getLabelsMap().get("env"));
        }
    }

    static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void shouldRequireFourInterfacesForFourIpsRedundancy() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> externals.insertAsync(PROJECT, ExternalVpnGateway.newBuilder()
            .setName("short").setRedundancyType("FOUR_IPS_REDUNDANCY")
            .addInterfaces(ExternalVpnGatewayInterface.newBuilder().setId(0).setIpAddress("198.51.100.1").build()).build()).get());
        assertInstanceOf(InvalidArgumentException.class, e.getCause());
    }

    @Test
    void shouldAuthorizeSecurityGroupIngressAndRejectDuplicates() {
        String sg = ec2.describeSecurityGroups().securityGroups().get(0).groupId();
        IpPermission ike = IpPermission.builder().ipProtocol("udp").fromPort(500).toPort(500)
            .ipRanges(IpRange.builder().cidrIp("10.201.0.0/16").build()).build();
        assertTrue(ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(ike)).returnValue());
        var perms = ec2.describeSecurityGroups(b -> b.groupIds(sg)).securityGroups().get(0).ipPermissions();
        assertEquals(1, perms.size());
        assertEquals("10.201.0.0/16", perms.get(0).ipRanges().get(0).cidrIp());
        Ec2Exception dup = assertThrows(Ec2Exception.class, () -> ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(ike)));
        assertEquals("InvalidPermission.Duplicate", dup.awsErrorDetails().errorCode());
        Ec2Exception nf = assertThrows(Ec2Exception.class, () -> ec2.authorizeSecurityGroupIngress(b -> b.groupId("sg-0000000000000dead").ipPermissions(ike)));
        assertEquals("InvalidGroup.NotFound", nf.awsErrorDetails().errorCode());
    }

    @Test
    void shouldReturnTheExistingCustomerGatewayForTheSameAddressAndAsn() {
        String a = ec2.createCustomerGateway(b -> b.type(GatewayType.IPSEC_1).bgpAsn(65010).ipAddress("203.0.113.5")).customerGateway().customerGatewayId();
        String b2 = ec2.createCustomerGateway(b -> b.type(GatewayType.IPSEC_1).bgpAsn(65010).ipAddress("203.0.113.5")).customerGateway().customerGatewayId();
        assertEquals(a, b2);
        Ec2Exception bad = assertThrows(Ec2Exception.class, () -> ec2.createCustomerGateway(b -> b.type(GatewayType.IPSEC_1).bgpAsn(65010).ipAddress("300.1.1.1")));
        assertEquals("InvalidParameterValue", bad.awsErrorDetails().errorCode());
    }

    @Test
    void shouldRejectAttachingAVpnGatewayToAnUnknownVpc() {
        String vgw = ec2.createVpnGateway(b -> b.type(GatewayType.IPSEC_1)).vpnGateway().vpnGatewayId();
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.attachVpnGateway(b -> b.vpnGatewayId(vgw).vpcId("vpc-0000000000000dead")));
        assertEquals("InvalidVpcID.NotFound", e.awsErrorDetails().errorCode());
        String rtb = ec2.describeRouteTables().routeTables().get(0).routeTableId();
        Ec2Exception notAttached = assertThrows(Ec2Exception.class, () -> ec2.enableVgwRoutePropagation(b -> b.gatewayId(vgw).routeTableId(rtb)));
        assertEquals("Gateway.NotAttached", notAttached.awsErrorDetails().errorCode());
    }
}

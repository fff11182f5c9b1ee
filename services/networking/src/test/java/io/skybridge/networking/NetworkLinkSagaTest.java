package io.skybridge.networking;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.compute.v1.FirewallsClient;
import com.google.cloud.compute.v1.FirewallsSettings;
import com.google.cloud.compute.v1.RoutersClient;
import com.google.cloud.compute.v1.RoutersSettings;
import com.google.cloud.compute.v1.VpnGatewaysClient;
import com.google.cloud.compute.v1.VpnGatewaysSettings;
import com.google.cloud.compute.v1.VpnTunnelsClient;
import com.google.cloud.compute.v1.VpnTunnelsSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.networking.AwsVpcRef;
import io.skybridge.contracts.networking.GcpNetworkRef;
import io.skybridge.contracts.networking.NetworkLinkEstablished;
import io.skybridge.contracts.networking.NetworkLinkFailed;
import io.skybridge.contracts.networking.NetworkLinkIsolated;
import io.skybridge.contracts.networking.NetworkLinkIsolationRequested;
import io.skybridge.contracts.networking.NetworkLinkRestorationRequested;
import io.skybridge.contracts.networking.NetworkLinkRestored;
import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.contracts.networking.NetworkLinkTeardownRequested;
import io.skybridge.contracts.networking.NetworkLinkTornDown;
import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.VpnConnection;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.restassured.RestAssured.given;
import static io.skybridge.testing.TestBus.header;
import static io.skybridge.testing.TestBus.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The link saga against the real broker, PostgreSQL and the cloud emulator, through the real AWS and
 * Compute Engine SDKs: the seed's two VPCs linked with HA VPN, four tunnels watched, GCP blacked out
 * and restored, the link torn down leaving nothing behind; and a saga that compensates.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class NetworkLinkSagaTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROJECT = "skybridge-demo";
    private static final String REGION = "us-central1";
    private static TestBus bus;
    private static Ec2Client ec2;

    @BeforeAll
    static void connect() {
        bus = TestBus.onSharedBroker();
        ec2 = Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(emulator().awsEndpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().build()).build();
    }

    @AfterAll
    static void close() {
        bus.close();
        ec2.close();
    }

    private static Emulator emulator() {
        return SkybridgeWithClouds.emulator();
    }

    private static ConsumerRecord<String, byte[]> awaitEvent(String linkId, String name, Duration timeout) {
        return bus.await(Topics.NETWORKING_EVENTS, r -> linkId.equals(r.key())
                && ("io.skybridge.networking." + name + ".v1").equals(header(r, CloudEventHeaders.TYPE)), timeout);
    }

    private static List<VpnConnection> liveVpnConnections(String linkId) {
        return ec2.describeVpnConnections(r -> r.filters(Filter.builder().name("tag:skybridge:link").values(linkId).build()))
                .vpnConnections().stream().filter(c -> !"deleted".equals(c.stateAsString())).toList();
    }

    private static Set<String> gcpNames(String linkId) throws Exception {
        String prefix = "sb-" + linkId;
        Set<String> names = new java.util.TreeSet<>();
        try (VpnTunnelsClient tunnels = VpnTunnelsClient.create(VpnTunnelsSettings.newBuilder()
                .setEndpoint(emulator().gcpEndpoint()).setCredentialsProvider(NoCredentialsProvider.create()).build());
             VpnGatewaysClient gateways = VpnGatewaysClient.create(VpnGatewaysSettings.newBuilder()
                     .setEndpoint(emulator().gcpEndpoint()).setCredentialsProvider(NoCredentialsProvider.create()).build());
             RoutersClient routers = RoutersClient.create(RoutersSettings.newBuilder()
                     .setEndpoint(emulator().gcpEndpoint()).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            tunnels.list(PROJECT, REGION).iterateAll().forEach(t -> names.add(t.getName()));
            gateways.list(PROJECT, REGION).iterateAll().forEach(g -> names.add(g.getName()));
            routers.list(PROJECT, REGION).iterateAll().forEach(r -> names.add(r.getName()));
        }
        return names.stream().filter(n -> n.startsWith(prefix)).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void shouldEstablishDegradeRecoverAndTearDownTheSeedLink() throws Exception {
        String linkId = "seed-link";
        EventMetadata intent = bus.publish(new NetworkLinkRequested(linkId,
                new AwsVpcRef("123456789012", "us-east-1", "vpc-0a1b2c3d4e5f60001", "10.200.0.0/16"),
                new GcpNetworkRef(PROJECT, REGION, "skybridge-vpc", "10.201.0.0/16"), "HA"), "user:netops");

        ConsumerRecord<String, byte[]> established = awaitEvent(linkId, "NetworkLinkEstablished", WAIT);
        NetworkLinkEstablished body = payload(established, NetworkLinkEstablished.class);
        assertEquals(4, body.tunnelsUp());
        assertEquals(4, body.tunnelsTotal());
        assertEquals(intent.id(), header(established, CloudEventHeaders.CORRELATION_ID), "same story as the intent");

        JsonPath link = given().get("/links/{id}", linkId).then().statusCode(200).extract().jsonPath();
        assertEquals("ESTABLISHED", link.getString("phase"));
        List<String> statuses = link.getList("tunnels.status");
        assertEquals(List.of("UP", "UP", "UP", "UP"), statuses);
        Set<String> insideCidrs = Set.copyOf(link.getList("tunnels.insideCidr"));
        assertEquals(4, insideCidrs.size(), "distinct inside CIDRs");
        assertFalse(link.prettify().contains("preSharedKey"), "pre-shared keys never leave the service");

        // the AWS side, as any AWS client sees it: two VPN connections, the tunnels the service chose
        List<VpnConnection> connections = liveVpnConnections(linkId);
        assertEquals(2, connections.size());
        Set<String> awsInside = connections.stream().flatMap(c -> c.options().tunnelOptions().stream())
                .map(o -> o.tunnelInsideCidr()).collect(Collectors.toSet());
        assertEquals(insideCidrs, awsInside);
        assertTrue(connections.stream().allMatch(c -> c.vgwTelemetry().stream().allMatch(t -> "UP".equals(t.statusAsString()))));

        // another link whose AWS end overlaps the linked GCP network is refused, with no cloud call
        int cloudEventsBefore = emulator().events().size();
        EventMetadata overlapping = bus.publish(new NetworkLinkRequested("overlap-link",
                new AwsVpcRef("123456789012", "us-east-1", "vpc-0a1b2c3d4e5f6000f", "10.201.128.0/17"),
                new GcpNetworkRef(PROJECT, REGION, "other-vpc", "10.230.0.0/16"), "HA"), "user:netops");
        ConsumerRecord<String, byte[]> refusal = bus.await(Topics.NETWORKING_EVENTS,
                r -> overlapping.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), WAIT);
        String violations = TestBus.json(refusal).get("violations").toString();
        assertTrue(violations.contains("10.201.128.0/17") && violations.contains("10.201.0.0/16"), violations);
        assertEquals(cloudEventsBefore, emulator().events().size(), "no cloud call for a refused link");

        // the stock AWS CLI shows the same VPN connections, with the tunnel addresses the service chose
        var cli = io.skybridge.contracts.ContractJson.mapper().readTree(awsCli("ec2", "describe-vpn-connections",
                "--filters", "Name=tag:skybridge:link,Values=" + linkId, "--output", "json"));
        Set<String> cliInside = new java.util.HashSet<>();
        Set<String> cliOutside = new java.util.HashSet<>();
        cli.get("VpnConnections").forEach(c -> c.get("Options").get("TunnelOptions").forEach(o -> {
            cliInside.add(o.get("TunnelInsideCidr").asText());
            cliOutside.add(o.get("OutsideIpAddress").asText());
        }));
        assertEquals(insideCidrs, cliInside);
        assertEquals(Set.copyOf(link.getList("tunnels.awsOutsideIp")), cliOutside);

        // black out GCP: every tunnel goes down on both sides, the link is degraded
        long downBefore = System.currentTimeMillis();
        emulator().startOutage(Cloud.GCP);
        try {
            ConsumerRecord<String, byte[]> degraded = awaitEvent(linkId, "NetworkLinkDegraded", WAIT);
            assertEquals(0, TestBus.json(degraded).get("tunnelsUp").asInt());
            var downs = bus.collect(Topics.NETWORKING_EVENTS, r -> linkId.equals(r.key())
                    && "io.skybridge.networking.TunnelStatusChanged.v1".equals(header(r, CloudEventHeaders.TYPE))
                    && "DOWN".equals(TestBus.json(r).path("status").asText()), Duration.ofSeconds(1));
            Set<String> downTunnels = downs.stream().map(r -> TestBus.json(r).get("tunnelId").asText()).collect(Collectors.toSet());
            assertEquals(4, downTunnels.size(), "all four tunnels reported down: " + downTunnels);
            var samples = bus.collect(Topics.HEALTH_OBSERVATIONS, r -> "gcp".equals(r.key())
                    && !TestBus.json(r).get("healthy").asBoolean(), Duration.ofSeconds(1));
            assertFalse(samples.isEmpty(), "the dark GCP API is reported to the failover service");
        } finally {
            emulator().clearOutage(Cloud.GCP);
        }
        // recovery: established again
        bus.await(Topics.NETWORKING_EVENTS, r -> linkId.equals(r.key())
                && "io.skybridge.networking.NetworkLinkEstablished.v1".equals(header(r, CloudEventHeaders.TYPE))
                && r.timestamp() > downBefore, WAIT);

        // a duplicate of the original intent changes nothing
        bus.publish(Topics.NETWORKING_INTENTS, new NetworkLinkRequested(linkId,
                new AwsVpcRef("123456789012", "us-east-1", "vpc-0a1b2c3d4e5f60001", "10.200.0.0/16"),
                new GcpNetworkRef(PROJECT, REGION, "skybridge-vpc", "10.201.0.0/16"), "HA"), intent);

        // isolation from a compromised AWS: GCP (the trusted side) cuts its tunnel ends and denies the AWS CIDR
        isolateAndRestore(linkId, "aws", 1);
        // isolation from a compromised GCP: AWS deletes its VPN connections and its ingress rule
        isolateAndRestore(linkId, "gcp", 2);
        // a stale epoch cannot act any more
        EventMetadata stale = bus.publish(new NetworkLinkIsolationRequested(linkId, "aws", "replayed", "inc-old", 1L), "service:failover");
        ConsumerRecord<String, byte[]> staleAnswer = bus.await(Topics.NETWORKING_EVENTS,
                r -> stale.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), WAIT);
        assertTrue(TestBus.json(staleAnswer).toString().contains("stale fencing epoch"), TestBus.json(staleAnswer).toString());

        // teardown removes everything the link created
        bus.publish(new NetworkLinkTeardownRequested(linkId, "test done"), "user:netops");
        ConsumerRecord<String, byte[]> tornDown = awaitEvent(linkId, "NetworkLinkTornDown", WAIT);
        assertTrue(payload(tornDown, NetworkLinkTornDown.class).resourcesDeleted() >= 12);
        assertTrue(liveVpnConnections(linkId).isEmpty(), "no VPN connection left on AWS");
        assertTrue(gcpNames(linkId).isEmpty(), "no VPN resource left on GCP: " + gcpNames(linkId));
        assertEquals(1, bus.collect(Topics.NETWORKING_EVENTS, r -> intent.id().equals(header(r, CloudEventHeaders.CAUSATION_ID))
                && header(r, CloudEventHeaders.TYPE).endsWith("IntentAccepted.v1"), Duration.ofMillis(500)).size(),
                "the duplicate intent had no second effect");

        // the cheaper two-tunnel mode between the same networks, once the HA link is gone
        String basicId = "seed-basic";
        bus.publish(new NetworkLinkRequested(basicId,
                new AwsVpcRef("123456789012", "us-east-1", "vpc-0a1b2c3d4e5f60001", "10.200.0.0/16"),
                new GcpNetworkRef(PROJECT, REGION, "skybridge-vpc", "10.201.0.0/16"), "BASIC"), "user:netops");
        NetworkLinkEstablished basic = payload(awaitEvent(basicId, "NetworkLinkEstablished", WAIT), NetworkLinkEstablished.class);
        assertEquals("BASIC", basic.mode());
        assertEquals(2, basic.tunnelsUp());
        assertEquals(1, liveVpnConnections(basicId).size(), "one AWS VPN connection, two tunnels");
        bus.publish(new NetworkLinkTeardownRequested(basicId, "test done"), "user:netops");
        awaitEvent(basicId, "NetworkLinkTornDown", WAIT);
        assertTrue(gcpNames(basicId).isEmpty());
    }

    private void isolateAndRestore(String linkId, String compromised, long epoch) throws Exception {
        long before = System.currentTimeMillis();
        EventMetadata isolate = bus.publish(new NetworkLinkIsolationRequested(linkId, compromised, "ransomware drill",
                "inc-" + epoch + "-" + compromised, epoch), "service:failover");
        ConsumerRecord<String, byte[]> isolated = bus.await(Topics.NETWORKING_EVENTS, r -> linkId.equals(r.key())
                && "io.skybridge.networking.NetworkLinkIsolated.v1".equals(header(r, CloudEventHeaders.TYPE))
                && isolate.id().equals(header(r, CloudEventHeaders.CORRELATION_ID)), WAIT);
        NetworkLinkIsolated body = payload(isolated, NetworkLinkIsolated.class);
        assertEquals(4, body.tunnelsDisabled());
        assertEquals(compromised, body.compromisedCloud());
        if (compromised.equals("aws")) {
            assertTrue(gcpNames(linkId).stream().noneMatch(n -> n.contains("-t")), "GCP tunnel ends deleted: " + gcpNames(linkId));
            assertTrue(firewallNames(linkId).contains("sb-" + linkId + "-deny-peer"), "deny rule for the AWS CIDR");
        } else {
            assertTrue(liveVpnConnections(linkId).isEmpty(), "AWS VPN connections deleted");
            assertTrue(gcpNames(linkId).contains("sb-" + linkId + "-router"), "the GCP side is left as it was");
        }
        given().get("/links/{id}", linkId).then().statusCode(200).body("phase", org.hamcrest.Matchers.equalTo("ISOLATED"));
        // isolating again is accepted and changes nothing
        EventMetadata again = bus.publish(new NetworkLinkIsolationRequested(linkId, compromised, "again",
                "inc-" + epoch + "-" + compromised, epoch), "service:failover");
        assertTrue(header(bus.await(Topics.NETWORKING_EVENTS, r -> again.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), WAIT),
                CloudEventHeaders.TYPE).endsWith("IntentAccepted.v1"));

        EventMetadata restore = bus.publish(new NetworkLinkRestorationRequested(linkId, "all clear",
                "inc-" + epoch + "-" + compromised, epoch), "service:failover");
        ConsumerRecord<String, byte[]> restored = bus.await(Topics.NETWORKING_EVENTS, r -> linkId.equals(r.key())
                && "io.skybridge.networking.NetworkLinkRestored.v1".equals(header(r, CloudEventHeaders.TYPE))
                && restore.id().equals(header(r, CloudEventHeaders.CORRELATION_ID)), WAIT);
        assertEquals(4, payload(restored, NetworkLinkRestored.class).tunnelsUp());
        assertTrue(firewallNames(linkId).stream().noneMatch(n -> n.endsWith("-deny-peer")), "deny rule removed");
        assertEquals(2, liveVpnConnections(linkId).size());
        assertTrue(restored.timestamp() >= before);
    }

    /** Runs the stock AWS CLI against the emulator (installed by .ci/run where missing). */
    private static String awsCli(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("aws", "--endpoint-url", emulator().awsEndpoint().toString(),
                "--region", "us-east-1"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().put("AWS_PAGER", "");
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            throw new AssertionError("the AWS CLI ('aws') is needed for this test: apt-get install awscli", e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "aws CLI finished");
        assertEquals(0, p.exitValue(), "aws " + String.join(" ", args) + ": " + out);
        return out;
    }

    private static Set<String> firewallNames(String linkId) throws Exception {
        try (FirewallsClient firewalls = FirewallsClient.create(FirewallsSettings.newBuilder()
                .setEndpoint(emulator().gcpEndpoint()).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            Set<String> names = new java.util.TreeSet<>();
            firewalls.list(PROJECT).iterateAll().forEach(f -> names.add(f.getName()));
            return names.stream().filter(n -> n.startsWith("sb-" + linkId)).collect(Collectors.toSet());
        }
    }

    @Test
    void shouldEstablishALinkWhoseLongIdWouldMakeGcpNamesTooLongAndTearItDown() throws Exception {
        String linkId = "l" + "o".repeat(52) + "ng-link-id"; // 63 characters: "sb-<id>-router" would be 73
        assertEquals(63, linkId.length());
        bus.publish(new NetworkLinkRequested(linkId,
                new AwsVpcRef("123456789012", "us-east-1", "vpc-0a1b2c3d4e5f60001", "10.200.0.0/16"),
                new GcpNetworkRef(PROJECT, REGION, "skybridge-vpc", "10.201.0.0/16"), "BASIC"), "user:netops");

        ConsumerRecord<String, byte[]> established = awaitEvent(linkId, "NetworkLinkEstablished", WAIT);
        assertEquals(2, payload(established, NetworkLinkEstablished.class).tunnelsUp());
        Set<String> names = new java.util.TreeSet<>();
        try (VpnTunnelsClient tunnels = VpnTunnelsClient.create(VpnTunnelsSettings.newBuilder()
                .setEndpoint(emulator().gcpEndpoint()).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            tunnels.list(PROJECT, REGION).iterateAll().forEach(t -> names.add(t.getName()));
        }
        List<String> ours = names.stream().filter(n -> n.startsWith("sb-looooo")).toList();
        assertEquals(2, ours.size(), "two tunnels with shortened names: " + ours);
        assertTrue(ours.stream().allMatch(n -> n.length() <= 63), ours.toString());

        bus.publish(new NetworkLinkTeardownRequested(linkId, "test done"), "user:netops");
        awaitEvent(linkId, "NetworkLinkTornDown", WAIT);
    }

    @Test
    void shouldCompensateAndReportTheStepWhenAwsIsDarkAtTheThirdStep() throws Exception {
        String linkId = "dark-aws-link";
        emulator().startOutage(Cloud.AWS);
        try {
            bus.publish(new NetworkLinkRequested(linkId,
                    new AwsVpcRef("123456789012", "us-east-1", "vpc-0a1b2c3d4e5f60009", "10.209.0.0/16"),
                    new GcpNetworkRef(PROJECT, REGION, "skybridge-vpc", "10.201.0.0/16"), "HA"), "user:netops");

            NetworkLinkFailed failed = payload(awaitEvent(linkId, "NetworkLinkFailed", WAIT), NetworkLinkFailed.class);
            assertEquals("aws-vpn-gateway", failed.step());
            assertEquals("PROVIDER_UNAVAILABLE", failed.reason());
            assertTrue(failed.compensated());
        } finally {
            emulator().clearOutage(Cloud.AWS);
        }
        assertTrue(gcpNames(linkId).isEmpty(), "the GCP gateway and router made by steps 1-2 were deleted: " + gcpNames(linkId));
        given().get("/links/{id}", linkId).then().statusCode(200)
                .body("phase", org.hamcrest.Matchers.equalTo("FAILED"))
                .body("currentStep", org.hamcrest.Matchers.equalTo("aws-vpn-gateway"));
    }

    /**
     * The link's story is one trace: the intent's span, the saga's passes, the EC2 and Compute Engine calls they made
     * (CLIENT spans) and the events they published, down to NetworkLinkEstablished.
     */
    @Test
    void shouldTraceTheLinksCloudCallsInTheIntentsTrace() throws Exception {
        String linkId = "traced-link";
        String traceId = "5a2c" + java.util.UUID.randomUUID().toString().replace("-", "").substring(4);
        NetworkLinkRequested request = new NetworkLinkRequested(linkId,
                new AwsVpcRef("123456789012", "us-east-1", "vpc-0a1b2c3d4e5f60001", "10.200.0.0/16"),
                new GcpNetworkRef(PROJECT, REGION, "skybridge-vpc", "10.201.0.0/16"), "BASIC");
        EventMetadata intent = EventMetadata.newIntent(io.skybridge.contracts.MessageCatalog.of(NetworkLinkRequested.class),
                linkId, "skybridge://test", "user:netops").withTraceparent("00-" + traceId + "-00f067aa0ba902b7-01");
        bus.publish(Topics.intents("networking"), request, intent);
        try {
            ConsumerRecord<String, byte[]> established = awaitEvent(linkId, "NetworkLinkEstablished", WAIT);
            assertEquals(traceId, header(established, CloudEventHeaders.TRACEPARENT).substring(3, 35), "the intent's trace");

            java.nio.file.Path file = java.nio.file.Path.of("target", "spans.jsonl");
            List<com.fasterxml.jackson.databind.JsonNode> spans = List.of();
            for (int i = 0; i < 50; i++) { // the publication's span ends once the broker acknowledged it
                spans = io.skybridge.testing.TraceFiles.spans(file, traceId);
                if (spans.stream().anyMatch(n -> n.get("name").asText().equals("publish NetworkLinkEstablished"))) {
                    break;
                }
                Thread.sleep(100);
            }
            Set<String> ids = spans.stream().map(n -> n.get("spanId").asText()).collect(Collectors.toSet());
            List<String> names = spans.stream().map(n -> n.get("name").asText()).toList();
            List<String> clientCalls = spans.stream().filter(n -> "CLIENT".equals(n.get("kind").asText()))
                    .map(n -> n.get("name").asText()).toList();
            assertTrue(clientCalls.contains("Ec2.CreateVpnGateway") && clientCalls.contains("Ec2.CreateVpnConnection"),
                    "EC2 calls in the trace: " + clientCalls);
            assertTrue(clientCalls.contains("Compute.VpnGateways.Get"), "Compute Engine calls in the trace: " + clientCalls);
            assertTrue(names.contains("link REQUESTED") && names.contains("publish NetworkLinkEstablished"),
                    "the saga's passes and its events are spans: " + names);
            for (com.fasterxml.jackson.databind.JsonNode span : spans) {
                String parent = span.path("parentSpanId").asText();
                assertTrue("00f067aa0ba902b7".equals(parent) || ids.contains(parent), "every span leads back to the sender: " + span);
            }
        } finally { // the other tests use the same CIDRs
            bus.publish(new NetworkLinkTeardownRequested(linkId, "test done"), "user:netops");
            awaitEvent(linkId, "NetworkLinkTornDown", WAIT);
        }
    }
}

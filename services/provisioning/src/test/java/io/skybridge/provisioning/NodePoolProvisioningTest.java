package io.skybridge.provisioning;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.provisioning.NodeDecommissionRequested;
import io.skybridge.contracts.provisioning.NodeDecommissioned;
import io.skybridge.contracts.provisioning.NodeJoined;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import io.skybridge.contracts.provisioning.NodeProvisioningFailed;
import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.control.Faults;
import io.skybridge.emulator.control.OutageMode;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.testing.Postgres;
import io.skybridge.testing.SkybridgeWithClouds;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static io.skybridge.testing.TestBus.payload;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Node pools end to end: the real broker and PostgreSQL, the emulator's EC2, Compute Engine and
 * Kubernetes API, the real AWS / Google / fabric8 clients on both sides.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class NodePoolProvisioningTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> AWS_ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");
    private static final List<String> GCP_ZONES = List.of("us-central1-a", "us-central1-b");
    private static ProvisioningClients clients;

    @BeforeAll
    static void openClients() throws Exception {
        clients = new ProvisioningClients();
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    private static Emulator emulator() {
        return SkybridgeWithClouds.emulator();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static NodePoolScaleRequested awsPool(String id, int desired, List<String> fallbacks) {
        return new NodePoolScaleRequested(id, "aws", "us-east-1", AWS_ZONES, "m5.large", fallbacks,
                "ami-0abcdef1234567890", Map.of("team", "platform"), List.of(), 0, 20, desired);
    }

    static NodePoolScaleRequested gcpPool(String id, int desired) {
        return new NodePoolScaleRequested(id, "gcp", "us-central1", GCP_ZONES, "e2-standard-4", List.of("n2-standard-4"),
                "projects/debian-cloud/global/images/family/debian-12", Map.of("team", "platform"),
                List.of(new io.skybridge.contracts.common.Taint("dedicated", "batch", "NoSchedule")), 0, 20, desired);
    }

    @Test
    void shouldJoinFiveNodesOnBothCloudsAndNotDuplicateVmsWhenTheIntentComesTwice() {
        NodePoolScaleRequested aws = awsPool(id("aws"), 3, List.of());
        NodePoolScaleRequested gcp = gcpPool(id("gcp"), 2);
        EventMetadata awsIntent = clients.bus.publish(aws, "user:alice");
        clients.bus.publish(gcp, "user:alice");

        List<NodeJoined> joined = new java.util.ArrayList<>();
        clients.awaitEvents(aws.poolId(), "NodeJoined", 3, WAIT).forEach(r -> joined.add(payload(r, NodeJoined.class)));
        clients.awaitEvents(gcp.poolId(), "NodeJoined", 2, WAIT).forEach(r -> joined.add(payload(r, NodeJoined.class)));
        assertEquals(5, joined.size());
        assertEquals(3, clients.readyNodes(aws.poolId()).size(), "3 Ready AWS nodes");
        assertEquals(2, clients.readyNodes(gcp.poolId()).size(), "2 Ready GCP nodes");
        assertEquals(Set.copyOf(AWS_ZONES), joined.stream().filter(j -> j.cloud().equals("aws")).map(NodeJoined::zone)
                .collect(Collectors.toSet()), "spread across the pool's zones");
        assertEquals(Set.copyOf(GCP_ZONES), joined.stream().filter(j -> j.cloud().equals("gcp")).map(NodeJoined::zone)
                .collect(Collectors.toSet()));
        for (NodeJoined j : joined) {
            assertTrue(j.providerId().startsWith(j.cloud().equals("aws") ? "aws:///" : "gce://"), j.providerId());
        }
        // the pool's labels and taints reached the Nodes through the join configuration
        Node gcpNode = clients.readyNodes(gcp.poolId()).get(0);
        assertEquals("platform", gcpNode.getMetadata().getLabels().get("team"));
        assertTrue(gcpNode.getSpec().getTaints().stream().anyMatch(t -> "dedicated".equals(t.getKey())
                && "NoSchedule".equals(t.getEffect())));
        // the user data carries the join line, with the API server of the configuration
        String awsInstance = clients.awsVms(aws.poolId()).get(0).instanceId();
        String userData = new String(Base64.getDecoder().decode(clients.ec2.describeInstanceAttribute(r -> r
                .instanceId(awsInstance).attribute("userData")).userData().value()), StandardCharsets.UTF_8);
        String line = userData.lines().filter(l -> l.startsWith("SKYBRIDGE_JOIN=")).findFirst().orElseThrow();
        JsonPath join = new JsonPath(new String(Base64.getDecoder().decode(line.substring("SKYBRIDGE_JOIN=".length())),
                StandardCharsets.UTF_8));
        assertEquals(emulator().kubeUrl(), join.getString("apiServer"));
        assertEquals(aws.poolId(), join.getString("pool"));
        // IMDSv2 only, one hop: a pod cannot read the node's metadata (and its user data holds the join token)
        for (var vm : clients.awsVms(aws.poolId())) {
            assertEquals(software.amazon.awssdk.services.ec2.model.HttpTokensState.REQUIRED, vm.metadataOptions().httpTokens(),
                    vm.instanceId());
            assertEquals(1, vm.metadataOptions().httpPutResponseHopLimit(), vm.instanceId());
        }

        // the same intent again (a redelivery), then a fence on the same key
        clients.bus.publish(Topics.PROVISIONING_INTENTS, aws, awsIntent);
        EventMetadata fence = clients.bus.publish(aws, "user:alice");
        clients.bus.await(Topics.PROVISIONING_EVENTS, r -> fence.id().equals(io.skybridge.testing.TestBus.header(r,
                io.skybridge.contracts.CloudEventHeaders.CAUSATION_ID)), WAIT);
        clients.bus.publish(gcp, "user:alice");
        sleep(1500); // two reconcile sweeps
        assertEquals(3, clients.awsVms(aws.poolId()).size(), "still 3 EC2 instances");
        assertEquals(2, clients.gcpVms(gcp.poolId(), GCP_ZONES).size(), "still 2 Compute Engine instances");
        assertEquals(3, clients.events(aws.poolId(), "NodeProvisioningStarted", Duration.ofMillis(500)).size());
    }

    @Test
    void shouldLandNodesInAnotherZoneWhenAZoneHasNoCapacity() {
        NodePoolScaleRequested pool = new NodePoolScaleRequested(id("cap"), "aws", "us-east-1", AWS_ZONES, "r5.large",
                List.of("m5.xlarge"), "ami-0abcdef1234567890", Map.of("team", "platform"), List.of(), 0, 20, 6);
        long since = lastEventSeq();
        emulator().setZoneCapacityFault(Cloud.AWS, "us-east-1a", 1.0);
        try {
            clients.bus.publish(pool, "user:bob");
            clients.awaitEvents(pool.poolId(), "NodeJoined", 6, WAIT);
        } finally {
            emulator().clearFaults(Cloud.AWS);
        }
        List<Map<String, Object>> nodes = given().queryParam("pool", pool.poolId()).get("/nodes").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertEquals(6, nodes.size(), nodes.toString());
        int moved = 0;
        for (Map<String, Object> n : nodes) {
            assertEquals("JOINED", n.get("phase"), "no node failed: " + n);
            assertNotEquals("us-east-1a", n.get("zone"), "nothing launched in the zone without capacity: " + n);
            assertEquals("r5.large", n.get("machineType"), "another zone comes before a fallback type: " + n);
            String home = AWS_ZONES.get((Integer) n.get("ordinal") % AWS_ZONES.size());
            if (home.equals("us-east-1a")) {
                assertEquals(2, n.get("attempts"), "one refusal in us-east-1a, then the next zone: " + n);
                moved++;
            } else {
                assertEquals(home, n.get("zone"), "a node whose zone had capacity stays there: " + n);
                assertEquals(1, n.get("attempts"), n.toString());
            }
        }
        assertEquals(2, moved, "ordinals 0 and 3 are homed in us-east-1a");
        assertEquals(6, clients.awsVms(pool.poolId()).size());
        assertTrue(clients.awsVms(pool.poolId()).stream().noneMatch(i -> "us-east-1a".equals(i.placement().availabilityZone())));
        assertEquals(6, clients.readyNodes(pool.poolId()).size());
        // this pool alone uses r5.large: exactly its us-east-1a launch was refused (ONE call for the zone's two nodes,
        // launched as a batch; each then went on on its own in the next zone), and no other zone refused
        assertEquals(List.of("us-east-1a"), emulator().events().stream().filter(e -> e.seq() > since
                && "fault.capacity".equals(e.type()) && "r5.large".equals(e.details().get("instanceType")))
                .map(e -> String.valueOf(e.details().get("zone"))).toList());
    }

    @Test
    void shouldFailFastWithQuotaAndNotRetryTheLaunch() {
        NodePoolScaleRequested pool = new NodePoolScaleRequested(id("quota"), "aws", "us-east-1", AWS_ZONES, "c5.large",
                List.of("c5.xlarge"), "ami-0abcdef1234567890", Map.of("team", "platform"), List.of(), 0, 20, 2);
        long since = lastEventSeq();
        emulator().setFaults(Cloud.AWS, new Faults(0, 0, 0, 1.0));
        try {
            long t0 = System.nanoTime();
            clients.bus.publish(pool, "user:bob");
            List<NodeProvisioningFailed> failed = clients.awaitEvents(pool.poolId(), "NodeProvisioningFailed", 2, WAIT)
                    .stream().map(r -> payload(r, NodeProvisioningFailed.class)).toList();
            long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertTrue(millis < 5000, "failed fast: " + millis + " ms");
            for (NodeProvisioningFailed f : failed) {
                assertEquals("QUOTA", f.reason());
                assertEquals(1, f.attempts(), "no other zone, no fallback type, no retry: " + f);
                assertTrue(f.message().contains("InstanceLimitExceeded"), f.message());
            }
            sleep(1500); // two reconcile sweeps inside the failure cooldown: no new launch
            // this pool alone uses c5 types: every RunInstances it made was refused for quota
            long quotaFaults = emulator().events().stream().filter(e -> e.seq() > since && "fault.quota".equals(e.type())
                    && String.valueOf(e.details().get("instanceType")).startsWith("c5.")).count();
            assertEquals(2, quotaFaults, "one RunInstances per node, no retry storm");
            assertEquals(0, clients.awsVms(pool.poolId()).size());
        } finally {
            emulator().clearFaults(Cloud.AWS);
            clients.bus.publish(new NodePoolScaleRequested(pool.poolId(), "aws", "us-east-1", AWS_ZONES, "c5.large",
                    List.of("c5.xlarge"), "ami-0abcdef1234567890", Map.of("team", "platform"), List.of(), 0, 20, 0), "user:bob");
        }
    }

    @Test
    void shouldTerminateAVmThatNeverJoinsAndReportJoinTimeout() {
        NodePoolScaleRequested pool = awsPool(id("lonely"), 1, List.of());
        emulator().setNeverJoin(Cloud.AWS, true);
        NodeProvisioningFailed failed;
        try {
            clients.bus.publish(pool, "user:erin");
            clients.awaitEvents(pool.poolId(), "NodeProvisioned", 1, WAIT);
            failed = payload(clients.awaitEvents(pool.poolId(), "NodeProvisioningFailed", 1, WAIT).get(0),
                    NodeProvisioningFailed.class);
        } finally {
            emulator().setNeverJoin(Cloud.AWS, false);
        }
        assertEquals("JOIN_TIMEOUT", failed.reason());
        assertTrue(failed.message().contains("did not become a Ready node"), failed.message());
        assertEquals(pool.poolId() + "-0", failed.nodeId());
        String instanceId = instanceOf(failed.nodeId());
        assertTrue(instanceId != null && instanceId.startsWith("i-"), "the node records its VM: " + instanceId);
        given().queryParam("pool", pool.poolId()).get("/nodes").then().statusCode(200)
                .body("find { it.id == '" + failed.nodeId() + "' }.phase", equalTo("FAILED"))
                .body("find { it.id == '" + failed.nodeId() + "' }.failureReason", equalTo("JOIN_TIMEOUT"));
        awaitTrue(() -> clients.ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances()
                .get(0).state().nameAsString().matches("shutting-down|terminated"), "the VM was terminated");
        assertEquals(0, clients.readyNodes(pool.poolId()).stream()
                .filter(n -> n.getMetadata().getName().equals(instanceId)).count(), "it never joined");
        assertTrue(clients.events(pool.poolId(), "NodeJoined", Duration.ofMillis(300)).stream()
                .noneMatch(r -> r.key().equals(pool.poolId() + "-0")), "no NodeJoined for the timed-out node");
        clients.bus.publish(awsPool(pool.poolId(), 0, List.of()), "user:erin");
    }

    @Test
    void shouldReportCapacityOnceEveryZoneAndFallbackTypeIsExhausted() {
        NodePoolScaleRequested pool = awsPool(id("full"), 1, List.of("m5.xlarge"));
        emulator().setFaults(Cloud.AWS, new Faults(0, 1.0, 0));
        try {
            clients.bus.publish(pool, "user:bob");
            NodeProvisioningFailed failed = payload(clients.awaitEvents(pool.poolId(), "NodeProvisioningFailed", 1, WAIT)
                    .get(0), NodeProvisioningFailed.class);
            assertEquals("CAPACITY", failed.reason());
            assertEquals(6, failed.attempts(), "3 zones x 2 machine types");
            assertEquals("m5.xlarge", failed.machineType());
            assertTrue(failed.message().contains("InsufficientInstanceCapacity"), failed.message());
        } finally {
            emulator().clearFaults(Cloud.AWS);
        }
        assertEquals(0, clients.awsVms(pool.poolId()).size());
    }

    @Test
    void shouldFailFastOnADarkGcpWhileAwsScaleUpsKeepWorking() {
        NodePoolScaleRequested gcp = gcpPool(id("dark"), 1);
        NodePoolScaleRequested aws = awsPool(id("lit"), 1, List.of());
        emulator().startOutage(Cloud.GCP, null, OutageMode.UNAVAILABLE);
        try {
            long t0 = System.nanoTime();
            clients.bus.publish(gcp, "user:failover");
            clients.bus.publish(aws, "user:failover");
            NodeProvisioningFailed failed = payload(clients.awaitEvents(gcp.poolId(), "NodeProvisioningFailed", 1, WAIT)
                    .get(0), NodeProvisioningFailed.class);
            long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
            assertEquals("PROVIDER_UNAVAILABLE", failed.reason());
            assertTrue(seconds < 15, "failed fast, not after SDK retry loops: " + seconds + " s");
            clients.awaitEvents(aws.poolId(), "NodeJoined", 1, WAIT);
            assertEquals(1, clients.readyNodes(aws.poolId()).size());
        } finally {
            emulator().clearOutage(Cloud.GCP);
        }
    }

    @Test
    void shouldDrainAndTerminateTheYoungestNodeOnScaleDownAndDecommissionOnRequest() {
        String poolId = id("down");
        clients.bus.publish(awsPool(poolId, 3, List.of()), "user:carol");
        clients.awaitEvents(poolId, "NodeJoined", 3, WAIT);
        String youngest = poolId + "-2";
        Pod pod = clients.kube.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata()
                .withName("app-" + poolId).endMetadata().withNewSpec()
                .withNodeSelector(Map.of("kubernetes.io/hostname", youngest))
                .addNewContainer().withName("app").withImage("nginx").endContainer().endSpec().build()).create();
        awaitTrue(() -> {
            Pod p = clients.kube.pods().inNamespace("default").withName(pod.getMetadata().getName()).get();
            return p != null && "Running".equals(p.getStatus().getPhase());
        }, "pod running on the youngest node");

        clients.bus.publish(awsPool(poolId, 2, List.of()), "user:carol");
        NodeDecommissioned gone = payload(clients.awaitEvents(poolId, "NodeDecommissioned", 1, WAIT).get(0),
                NodeDecommissioned.class);
        assertEquals(youngest, gone.nodeId(), "youngest first");
        assertTrue(gone.drained());
        assertNull(clients.kube.pods().inNamespace("default").withName(pod.getMetadata().getName()).get(),
                "the pod was evicted");
        assertEquals(2, clients.awsVms(poolId).size());
        assertFalse(clients.awsVms(poolId).stream().anyMatch(i -> i.instanceId().equals(gone.instanceId())));

        EventMetadata ask = clients.bus.publish(new NodeDecommissionRequested(poolId + "-0", poolId, true,
                "test", null, null), "user:carol");
        NodeDecommissioned second = clients.awaitEvents(poolId, "NodeDecommissioned", 2, WAIT).stream()
                .map(r -> payload(r, NodeDecommissioned.class)).filter(d -> d.nodeId().equals(poolId + "-0"))
                .findFirst().orElseThrow();
        assertEquals("aws", second.cloud());
        given().get("/pools/{id}", poolId).then().statusCode(200).body("desired", equalTo(1));
        sleep(1500); // the reconcile must not bring it back
        assertEquals(1, clients.awsVms(poolId).size());
        assertNotEquals(null, ask.id());
    }

    @Test
    void shouldTerminateTheVmOfANodeDecommissionedWhileItWasLaunching() {
        String poolId = id("race");
        String node = poolId + "-0";
        NodeDecommissioned gone;
        emulator().setFaults(Cloud.AWS, new Faults(0, 0, 1200)); // every EC2 call takes 1.2 s
        try {
            clients.bus.publish(awsPool(poolId, 1, List.of()), "user:erin");
            awaitTrue(() -> "LAUNCHING".equals(given().queryParam("pool", poolId).get("/nodes").then().statusCode(200)
                    .extract().jsonPath().getString("find { it.id == '" + node + "' }.phase")), "the launch under way");
            clients.bus.publish(new NodeDecommissionRequested(node, poolId, false, "test", null, null), "user:erin");
            gone = payload(clients.awaitEvents(poolId, "NodeDecommissioned", 1, WAIT).get(0), NodeDecommissioned.class);
        } finally {
            emulator().clearFaults(Cloud.AWS);
        }
        assertEquals(node, gone.nodeId());
        assertTrue(gone.instanceId() != null && gone.instanceId().startsWith("i-"),
                "the VM launched meanwhile was recorded on the node: " + gone.instanceId());
        awaitTrue(() -> clients.awsVms(poolId).isEmpty(), "no VM of the pool is left running");
        given().get("/pools/{id}", poolId).then().statusCode(200).body("desired", equalTo(0));
    }

    @Test
    void shouldResumeAnInterruptedLaunchWithoutASecondVmAndReplaceAVmTerminatedBehindItsBack() throws Exception {
        String poolId = id("safe");
        clients.bus.publish(awsPool(poolId, 2, List.of()), "user:dan");
        clients.awaitEvents(poolId, "NodeJoined", 2, WAIT);
        String node1 = poolId + "-1";
        String instance1 = instanceOf(node1);

        // as if the service died after RunInstances and before it recorded the instance
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement("update provisioning.node_request "
                + "set phase = 'LAUNCHING', instance_id = null, provisioned_at = null, joined_at = null where id = ?")) {
            ps.setString(1, node1);
            assertEquals(1, ps.executeUpdate());
        }
        awaitTrue(() -> clients.events(poolId, "NodeJoined", Duration.ofMillis(300)).stream()
                .filter(r -> r.key().equals(node1)).count() == 2, "node resumed and joined again");
        assertEquals(instance1, instanceOf(node1), "the ClientToken returned the same instance");
        assertEquals(2, clients.awsVms(poolId).size(), "no second VM");

        // a VM terminated behind the service's back is replaced
        String instance0 = instanceOf(poolId + "-0");
        clients.ec2.terminateInstances(r -> r.instanceIds(instance0));
        ConsumerRecord<String, byte[]> replacement = clients.awaitEvents(poolId, "NodeJoined", 4, WAIT).stream()
                .filter(r -> r.key().equals(poolId + "-2")).findFirst().orElseThrow();
        assertEquals(poolId + "-2", payload(replacement, NodeJoined.class).nodeId());
        given().queryParam("pool", poolId).get("/nodes").then().statusCode(200)
                .body("find { it.id == '" + poolId + "-0' }.phase", equalTo("LOST"));
        awaitTrue(() -> clients.awsVms(poolId).size() == 2, "two VMs again");
        assertEquals(2, clients.readyNodes(poolId).size());
    }

    @Test
    void shouldServePoolsAndNodesAndTakeAPutLikeAnIntent() {
        String poolId = id("rest");
        Map<String, Object> body = Map.of("poolId", poolId, "cloud", "aws", "region", "us-east-1",
                "zones", AWS_ZONES, "machineType", "m5.large", "image", "ami-0abcdef1234567890", "min", 0, "max", 5,
                "desired", 1);
        given().contentType(ContentType.JSON).body(body).put("/pools/{id}", poolId).then().statusCode(202)
                .body("poolId", equalTo(poolId));
        clients.awaitEvents(poolId, "NodeJoined", 1, WAIT);
        given().get("/pools/{id}", poolId).then().statusCode(200).body("desired", equalTo(1))
                .body("nodesByPhase.JOINED", equalTo(1)).body("zones", hasItem("us-east-1b"));
        given().get("/pools").then().statusCode(200).body("id", hasItem(poolId));
        given().queryParam("pool", poolId).get("/nodes").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].id", equalTo(poolId + "-0")).body("[0].phase", equalTo("JOINED"));

        Map<String, Object> bad = new java.util.HashMap<>(body);
        bad.put("cloud", "azure");
        bad.remove("machineType");
        given().contentType(ContentType.JSON).body(bad).put("/pools/{id}", poolId).then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("violations.size()", equalTo(2));
        Map<String, Object> tooBig = new java.util.HashMap<>(body);
        tooBig.put("desired", 9);
        given().contentType(ContentType.JSON).body(tooBig).put("/pools/{id}", poolId).then().statusCode(400)
                .body("violations[0]", org.hamcrest.Matchers.containsString("outside [0, 5]"));
        given().contentType(ContentType.JSON).body(body).put("/pools/{id}", "other-id").then().statusCode(400);
        given().get("/pools/{id}", "no-such-pool").then().statusCode(404);
    }

    private void awaitSettled(String poolId, int nodes) {
        awaitTrue(() -> {
            List<String> phases = given().queryParam("pool", poolId).get("/nodes").then().extract().jsonPath()
                    .getList("phase");
            return phases.size() >= nodes && phases.stream().limit(nodes).allMatch(p -> p.equals("JOINED") || p.equals("FAILED"));
        }, "pool " + poolId + " settled");
    }

    private static long lastEventSeq() {
        List<io.skybridge.emulator.world.Event> all = emulator().events();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    private static String instanceOf(String nodeId) {
        return given().get("/nodes").then().statusCode(200).extract().jsonPath()
                .getString("find { it.id == '" + nodeId + "' }.instanceId");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("not within " + WAIT + ": " + what);
    }

    private static Connection database() throws Exception {
        Postgres pg = Postgres.shared();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.skybridge.failover;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.FailoverDrillRequested;
import io.skybridge.contracts.failover.FailoverPlanComputed;
import io.skybridge.contracts.failover.PlannedMove;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.skybridge.testing.TestBus.header;
import static io.skybridge.testing.TestBus.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dry-run drill against the emulator's cluster: the plan a failover from AWS would follow, computed
 * from the real Nodes, Deployments and Pods and published before (instead of) anything being touched.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class FailoverDrillFlowTest {
    private static TestBus bus;
    private static KubernetesClient kube;

    @BeforeAll
    static void setUp() {
        bus = TestBus.onSharedBroker();
        kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(SkybridgeWithClouds.emulator().kubeUrl()).build()).build();
    }

    @AfterAll
    static void tearDown() {
        kube.apps().deployments().inNamespace("drill").delete();
        for (String n : List.of("drill-aws-1", "drill-aws-2", "drill-gcp-1")) {
            kube.nodes().withName(n).delete();
        }
        kube.close();
        bus.close();
    }

    private static void node(String name, String cloud, String cpu) {
        kube.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("skybridge.io/cloud", cloud, "kubernetes.io/hostname", name)).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("16Gi"),
                        "pods", new Quantity("110")))
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
                .endStatus().build()).create();
    }

    private static Deployment deployment(String name, int replicas, String cpu, String priority, String allowed) {
        var annotations = new java.util.HashMap<String, String>(Map.of("skybridge.io/priority", priority));
        if (allowed != null) {
            annotations.put("skybridge.io/allowed-clouds", allowed);
        }
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("drill")
                .withLabels(Map.of("skybridge.io/managed", "true")).withAnnotations(annotations).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().withNodeSelector(Map.of("skybridge.io/cloud", "aws"))
                .addNewContainer().withName("app").withImage("nginx").withNewResources()
                .withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("256Mi"))).endResources().endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    @Test
    void shouldPublishTheDryRunPlanComputedFromTheCluster() throws Exception {
        kube.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("drill").endMetadata().build()).create();
        node("drill-aws-1", "aws", "4");
        node("drill-aws-2", "aws", "4");
        node("drill-gcp-1", "gcp", "2");
        kube.apps().deployments().resource(deployment("web", 4, "500m", "10", null)).create();
        kube.apps().deployments().resource(deployment("db", 2, "1500m", "100", "aws,gcp")).create();
        kube.apps().deployments().resource(deployment("legacy", 1, "250m", "50", "aws")).create();
        long deadline = System.currentTimeMillis() + 20_000;
        while (kube.pods().inNamespace("drill").list().getItems().stream()
                .filter(p -> p.getSpec().getNodeName() != null).count() < 7) {
            assertTrue(System.currentTimeMillis() < deadline, "the emulator schedules the 7 pods on AWS nodes");
            Thread.sleep(200);
        }

        EventMetadata drill = bus.publish(new FailoverDrillRequested("drill-1", "aws", true), "user:sre");
        var record = bus.await(Topics.FAILOVER_EVENTS, r -> "io.skybridge.failover.FailoverPlanComputed.v1"
                .equals(header(r, CloudEventHeaders.TYPE)) && "drill-1".equals(r.key()), Duration.ofSeconds(30));
        FailoverPlanComputed plan = payload(record, FailoverPlanComputed.class);

        assertEquals(drill.id(), header(record, CloudEventHeaders.CORRELATION_ID), "the drill's story");
        assertTrue(plan.dryRun());
        assertEquals(0, plan.epoch(), "a drill takes no fencing epoch");
        assertEquals("gcp", plan.to());
        assertEquals(List.of("drill/Deployment/db", "drill/Deployment/web"),
                plan.moves().stream().map(PlannedMove::workloadId).toList(), "priority order; aws-only stays");
        assertEquals(List.of(2, 4), plan.moves().stream().map(PlannedMove::replicas).toList());
        // 2 × 1.5 CPU + 4 × 0.5 CPU against one 2-CPU GCP node: 1.5 + 0.5 fit there, 3 CPU go to one new node
        assertEquals(3000, plan.deficit().cpuMillis());
        assertEquals(1, plan.nodeRequests().size());
        assertEquals("gcp-surge", plan.nodeRequests().get(0).poolId());
        assertEquals(1, plan.nodeRequests().get(0).additionalNodes());
        assertTrue(plan.estimatedRtoSeconds() > 0);
        // nothing was touched
        assertEquals(7, kube.pods().inNamespace("drill").list().getItems().size());
        assertTrue(kube.nodes().withName("drill-aws-1").get().getSpec().getUnschedulable() == null
                || !kube.nodes().withName("drill-aws-1").get().getSpec().getUnschedulable());
    }

    @Test
    void shouldRunADrillAskedOverHttpAndRefuseAnInvalidOne() throws Exception {
        String body = io.restassured.RestAssured.given().contentType("application/json").header("X-Skybridge-Principal", "user:sre")
                .body("{\"from\": \"gcp\"}").post("/drills").then().statusCode(202).extract().asString();
        com.fasterxml.jackson.databind.JsonNode answer = io.skybridge.contracts.ContractJson.mapper().readTree(body);
        String drillId = answer.get("drillId").asText();
        assertTrue(drillId.startsWith("drill-"), body);
        var record = bus.await(Topics.FAILOVER_EVENTS, r -> "io.skybridge.failover.FailoverPlanComputed.v1"
                .equals(header(r, CloudEventHeaders.TYPE)) && drillId.equals(r.key()), Duration.ofSeconds(30));
        assertEquals(answer.get("intentId").asText(), header(record, CloudEventHeaders.CORRELATION_ID), "the drill's story");
        FailoverPlanComputed plan = payload(record, FailoverPlanComputed.class);
        assertTrue(plan.dryRun());
        assertEquals("gcp", plan.from());

        io.restassured.RestAssured.given().contentType("application/json").body("{\"from\": \"azure\"}").post("/drills")
                .then().statusCode(400).body("title", org.hamcrest.Matchers.equalTo("Invalid FailoverDrillRequested"));
        io.restassured.RestAssured.given().contentType("application/json").body("{\"from\": \"aws\", \"dryRun\": false}")
                .post("/drills").then().statusCode(400)
                .body("violations[0]", org.hamcrest.Matchers.containsString("dryRun must be true"));
        io.restassured.RestAssured.given().contentType("application/json").body("[]").post("/drills").then().statusCode(400);
    }
}

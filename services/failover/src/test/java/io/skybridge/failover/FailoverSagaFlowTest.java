package io.skybridge.failover;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.FailoverCompleted;
import io.skybridge.contracts.failover.OutageClearanceRequested;
import io.skybridge.contracts.failover.OutageDeclarationRequested;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.skybridge.testing.TestBus.header;
import static io.skybridge.testing.TestBus.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failover saga against the emulator's cluster: AWS declared out, its nodes cordoned and
 * tainted, every managed workload patched off AWS and its pods on the unreachable nodes
 * force-deleted, all of them Ready on GCP, and one {@code FailoverCompleted} with the timeline.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class FailoverSagaFlowTest {
    private static final List<String> NODES = List.of("saga-aws-1", "saga-aws-2", "saga-gcp-1", "saga-gcp-2");
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
        bus.publish(new OutageClearanceRequested("aws", null, "test over"), "user:test");
        kube.apps().deployments().inNamespace("saga").delete();
        NODES.forEach(n -> kube.nodes().withName(n).delete());
        kube.close();
        bus.close();
    }

    private static void node(String name, String cloud) {
        kube.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("skybridge.io/cloud", cloud, "kubernetes.io/hostname", name)).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withAllocatable(Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi"),
                        "pods", new Quantity("110")))
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
                .endStatus().build()).create();
    }

    private static void deployment(String name, int replicas, String priority) {
        kube.apps().deployments().resource(new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("saga")
                .withLabels(Map.of("skybridge.io/managed", "true")).withAnnotations(Map.of("skybridge.io/priority", priority))
                .endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().withNodeSelector(Map.of("skybridge.io/cloud", "aws"))
                .addNewContainer().withName("app").withImage("nginx").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("256Mi"))).endResources().endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
    }

    private static Set<String> cloudsOf(String app) {
        Map<String, String> cloudOfNode = kube.nodes().list().getItems().stream().collect(Collectors.toMap(
                n -> n.getMetadata().getName(), n -> n.getMetadata().getLabels().getOrDefault("skybridge.io/cloud", "")));
        return kube.pods().inNamespace("saga").withLabel("app", app).list().getItems().stream()
                .map(Pod::getSpec).map(s -> s.getNodeName() == null ? "unscheduled" : cloudOfNode.get(s.getNodeName()))
                .collect(Collectors.toSet());
    }

    @Test
    void shouldMoveEveryManagedWorkloadToGcpAndReportTheTimeline() throws Exception {
        bus.publish(new OutageClearanceRequested("aws", null, "start from a clean slate"), "user:test");
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("saga").endMetadata().build()).create();
        node("saga-aws-1", "aws");
        node("saga-aws-2", "aws");
        node("saga-gcp-1", "gcp");
        node("saga-gcp-2", "gcp");
        deployment("web", 3, "10");
        deployment("api", 2, "50");
        long deadline = System.currentTimeMillis() + 20_000;
        while (!(cloudsOf("web").equals(Set.of("aws")) && cloudsOf("api").equals(Set.of("aws"))
                && kube.pods().inNamespace("saga").list().getItems().size() == 5)) {
            assertTrue(System.currentTimeMillis() < deadline, "5 pods running on AWS first");
            Thread.sleep(200);
        }

        EventMetadata declare = bus.publish(new OutageDeclarationRequested("aws", null, "game day: AWS is dark"), "user:sre");
        ConsumerRecord<String, byte[]> declaredRecord = bus.await(Topics.FAILOVER_EVENTS,
                r -> declare.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), Duration.ofSeconds(20));
        OutageDeclared declared = payload(declaredRecord, OutageDeclared.class);

        ConsumerRecord<String, byte[]> completedRecord = bus.await(Topics.FAILOVER_EVENTS,
                r -> "io.skybridge.failover.FailoverCompleted.v1".equals(header(r, CloudEventHeaders.TYPE))
                        && declared.incidentId().equals(r.key()), Duration.ofSeconds(60));
        FailoverCompleted completed = payload(completedRecord, FailoverCompleted.class);

        assertEquals("gcp", completed.to());
        assertEquals(declared.epoch(), completed.epoch());
        assertEquals(2, completed.workloadsMigrated());
        assertNotNull(completed.timeline().planComputedAt());
        assertNotNull(completed.timeline().movesStartedAt());
        assertNotNull(completed.timeline().allReadyAt());
        assertTrue(completed.rtoMillis() > 0 && completed.rtoMillis() < 60_000, "RTO " + completed.rtoMillis());
        assertEquals(declared.incidentId(), header(completedRecord, CloudEventHeaders.CORRELATION_ID));

        assertEquals(Set.of("gcp"), cloudsOf("web"), "web runs on GCP only");
        assertEquals(Set.of("gcp"), cloudsOf("api"), "api runs on GCP only");
        var awsNode = kube.nodes().withName("saga-aws-1").get();
        assertTrue(awsNode.getSpec().getUnschedulable(), "AWS nodes cordoned");
        assertTrue(awsNode.getSpec().getTaints().stream().anyMatch(t -> "skybridge.io/outage".equals(t.getKey())));

        var migrated = bus.collect(Topics.FAILOVER_EVENTS, r -> "io.skybridge.failover.WorkloadMigrated.v1"
                .equals(header(r, CloudEventHeaders.TYPE)) && declared.incidentId().equals(r.key()), Duration.ofMillis(500));
        assertEquals(Set.of("saga/Deployment/web", "saga/Deployment/api"),
                migrated.stream().map(r -> TestBus.json(r).get("workloadId").asText()).collect(Collectors.toSet()));
        var started = bus.collect(Topics.FAILOVER_EVENTS, r -> "io.skybridge.failover.FailoverStarted.v1"
                .equals(header(r, CloudEventHeaders.TYPE)) && declared.incidentId().equals(r.key()), Duration.ofMillis(300));
        assertEquals(1, started.size(), "one run per incident");
    }
}

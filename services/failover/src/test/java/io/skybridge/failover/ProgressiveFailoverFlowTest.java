package io.skybridge.failover;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.FailoverCompleted;
import io.skybridge.contracts.failover.FailoverPlanComputed;
import io.skybridge.contracts.failover.FailoverTimeline;
import io.skybridge.contracts.failover.OutageClearanceRequested;
import io.skybridge.contracts.failover.OutageDeclarationRequested;
import io.skybridge.contracts.failover.PlannedMove;
import io.skybridge.contracts.failover.WorkloadMigrated;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.failover.support.EmulatorProvisioner;
import io.skybridge.failover.support.Estate;
import io.skybridge.testing.KafkaBroker;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.skybridge.testing.TestBus.header;
import static io.skybridge.testing.TestBus.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progressive failover: the top-priority workload fits GCP's headroom and is Ready there while the surge VMs
 * still boot (6 s, the emulator's boot delay); the bulk workload moves when they have joined. Through the user's
 * path: an operator's declaration on Kafka, VMs through the real SDKs, the cluster through fabric8.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class ProgressiveFailoverFlowTest {
    private static final String NS = "progressive";
    private static TestBus bus;
    private static KubernetesClient kube;
    private static EmulatorProvisioner provisioner;
    private static Estate estate;
    private static List<String> cordonedByTest = List.of();

    @BeforeAll
    static void setUp() throws Exception {
        bus = TestBus.onSharedBroker();
        kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(SkybridgeWithClouds.emulator().kubeUrl()).build()).build();
        provisioner = new EmulatorProvisioner(SkybridgeWithClouds.emulator(), KafkaBroker.shared().bootstrapServers());
        estate = new Estate(kube, NS);
    }

    @AfterAll
    static void tearDown() {
        SkybridgeWithClouds.emulator().setBootDelay(Duration.ZERO);
        SkybridgeWithClouds.emulator().clearOutage(Cloud.AWS);
        bus.publish(new OutageClearanceRequested("aws", null, "test over"), "user:test");
        cordonedByTest.forEach(n -> kube.nodes().withName(n).edit(x -> { x.getSpec().setUnschedulable(false); return x; }));
        estate.delete();
        provisioner.close();
        kube.close();
        bus.close();
    }

    private static boolean isType(ConsumerRecord<String, byte[]> r, String name) {
        return ("io.skybridge.failover." + name + ".v1").equals(header(r, CloudEventHeaders.TYPE));
    }

    @Test
    void shouldMoveTheTopPriorityWorkloadIntoTheHeadroomBeforeTheSurgeNodesJoin() throws Exception {
        bus.publish(new OutageClearanceRequested("aws", null, "start from a clean slate"), "user:test");
        // GCP's headroom is one 4-CPU node: other GCP nodes (left by earlier tests) are cordoned for this test
        cordonedByTest = kube.nodes().withLabel("skybridge.io/cloud", "gcp").list().getItems().stream()
                .filter(n -> !Boolean.TRUE.equals(n.getSpec().getUnschedulable())).map(n -> n.getMetadata().getName()).toList();
        cordonedByTest.forEach(n -> kube.nodes().withName(n).edit(x -> { x.getSpec().setUnschedulable(true); return x; }));
        provisioner.bootAws("progressive-aws", "us-east-1a", "m5.xlarge", 2);
        provisioner.bootGcp("progressive-gcp", "us-central1-a", "e2-standard-4");
        Estate.await("3 VMs joined", 30_000, () -> estate.readyNodesOfPool("progressive-aws").size() == 2
                && estate.readyNodesOfPool("progressive-gcp").size() == 1);
        estate.deployment("top", 2, "aws", 100, "1000m", "512Mi");
        estate.deployment("bulk", 4, "aws", 1, "1000m", "512Mi");
        Estate.await("6 pods Ready on AWS", 30_000, () -> estate.readyByCloud("top").equals(Map.of("aws", 2))
                && estate.readyByCloud("bulk").equals(Map.of("aws", 4)));

        SkybridgeWithClouds.emulator().setBootDelay(Duration.ofSeconds(6)); // the surge VMs take 6 s to boot
        SkybridgeWithClouds.emulator().startOutage(Cloud.AWS);
        String incident = bus.publish(new OutageDeclarationRequested("aws", null, "game day: progressive"), "user:sre").id();
        ConsumerRecord<String, byte[]> declared = bus.await(Topics.FAILOVER_EVENTS, r -> isType(r, "OutageDeclared")
                && incident.equals(header(r, CloudEventHeaders.CAUSATION_ID)), Duration.ofSeconds(20));
        String incidentId = declared.key();
        FailoverCompleted completed = payload(bus.await(Topics.FAILOVER_EVENTS, r -> isType(r, "FailoverCompleted")
                && incidentId.equals(r.key()), Duration.ofSeconds(60)), FailoverCompleted.class);

        FailoverPlanComputed plan = payload(bus.await(Topics.FAILOVER_EVENTS, r -> isType(r, "FailoverPlanComputed")
                && incidentId.equals(r.key()), Duration.ofSeconds(5)), FailoverPlanComputed.class);
        assertEquals(Map.of("progressive/Deployment/top", 0, "progressive/Deployment/bulk", 1),
                plan.moves().stream().collect(Collectors.toMap(PlannedMove::workloadId, PlannedMove::wave)), "waves of the plan");
        Map<String, WorkloadMigrated> migrated = bus.collect(Topics.FAILOVER_EVENTS, r -> isType(r, "WorkloadMigrated")
                        && incidentId.equals(r.key()), Duration.ofMillis(500)).stream()
                .map(r -> payload(r, WorkloadMigrated.class)).collect(Collectors.toMap(WorkloadMigrated::workloadId, m -> m));
        FailoverTimeline t = completed.timeline();
        assertTrue(migrated.get("progressive/Deployment/top").migratedAt().isBefore(t.capacityReadyAt()),
                "top Ready on GCP before the surge capacity: " + migrated + " " + t);
        assertTrue(Duration.between(t.planComputedAt(), t.capacityReadyAt()).toSeconds() >= 5, "the surge VMs took their boot delay: " + t);
        assertEquals(2, t.waves().size(), t.waves().toString());
        assertTrue(t.waves().get(0).allReadyAt().isBefore(t.waves().get(1).movesStartedAt()),
                "wave 0 Ready before wave 1 started: " + t.waves());
        assertTrue(completed.rtoMillisByPriority().get("100") < completed.rtoMillisByPriority().get("1"),
                "top priority first: " + completed.rtoMillisByPriority());
        assertEquals(completed.rtoMillis(), completed.rtoMillisByPriority().get("1"));
        assertEquals(Map.of("gcp", 2), estate.readyByCloud("top"));
        assertEquals(Map.of("gcp", 4), estate.readyByCloud("bulk"));
    }
}

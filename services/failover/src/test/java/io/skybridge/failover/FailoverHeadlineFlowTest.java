package io.skybridge.failover;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.FailbackCompleted;
import io.skybridge.contracts.failover.FailbackRequested;
import io.skybridge.contracts.failover.FailoverCompleted;
import io.skybridge.testing.ServiceMetrics;
import io.skybridge.contracts.failover.FailoverPlanComputed;
import io.skybridge.contracts.failover.FailoverTimeline;
import io.skybridge.contracts.failover.OutageClearanceRequested;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.contracts.health.CloudHealthObserved;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static io.skybridge.testing.TestBus.header;
import static io.skybridge.testing.TestBus.payload;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The headline story against the emulator (EC2, Compute Engine and its Kubernetes API with simulated kubelets),
 * the real broker and PostgreSQL: 20 managed workloads over both clouds; AWS blacked out in the emulator; the
 * prober and a second observer see it → declared within 5 s; the plan's deficit becomes a scale request for
 * the GCP surge pool, whose VMs boot and join; every workload ends up fully Ready on GCP and
 * {@code FailoverCompleted} carries the timeline. Then AWS comes back, the incident clears after the
 * stabilisation window, and an operator's {@code FailbackRequested} (policy manual) puts every workload back
 * on its preferred cloud and releases the surge nodes.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class FailoverHeadlineFlowTest {
    private static final String NS = "headline";
    private static final String SURGE = "gcp-surge";
    private static TestBus bus;
    private static KubernetesClient kube;
    private static EmulatorProvisioner provisioner;
    private static Estate estate;

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
        SkybridgeWithClouds.emulator().clearOutage(Cloud.AWS);
        bus.publish(new OutageClearanceRequested("aws", null, "test over"), "user:test");
        estate.delete();
        provisioner.close();
        kube.close();
        bus.close();
    }

    private static boolean isType(ConsumerRecord<String, byte[]> r, String name) {
        return ("io.skybridge.failover." + name + ".v1").equals(header(r, CloudEventHeaders.TYPE));
    }

    @Test
    void shouldFailTwentyWorkloadsOverToGcpWithNewCapacityAndFailBackOnRequest() throws Exception {
        // the estate: 4 AWS and 2 GCP VMs that join the cluster; 20 managed workloads
        provisioner.bootAws("aws-general", "us-east-1a", "m5.xlarge", 4);
        provisioner.bootGcp("gcp-general", "us-central1-a", "e2-standard-4");
        provisioner.bootGcp("gcp-general", "us-central1-b", "e2-standard-4");
        Estate.await("6 VMs joined", 30_000, () -> estate.readyNodesOfPool("aws-general").size() == 4
                && estate.readyNodesOfPool("gcp-general").size() == 2);
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            estate.deployment("aws-app-" + i, 2, "aws", 10 * i, "500m", "512Mi");
            apps.add("aws-app-" + i);
        }
        for (int i = 0; i < 5; i++) {
            estate.deployment("gcp-app-" + i, 2, "gcp", 5, "500m", "512Mi");
            apps.add("gcp-app-" + i);
        }
        for (int i = 0; i < 5; i++) {
            estate.deployment("spread-app-" + i, 2, null, 50, "250m", "256Mi");
            apps.add("spread-app-" + i);
        }
        Estate.await("40 pods Ready where they are pinned", 30_000, () -> apps.stream().allMatch(a -> {
            Map<String, Integer> ready = estate.readyByCloud(a);
            int total = ready.values().stream().mapToInt(Integer::intValue).sum();
            return total == 2 && (a.startsWith("aws") ? ready.getOrDefault("aws", 0) == 2
                    : !a.startsWith("gcp") || ready.getOrDefault("gcp", 0) == 2);
        }));
        int surgeBefore = estate.readyNodesOfPool(SURGE).size();
        // the 10 pinned workloads and the spread ones the scheduler put (partly) on AWS
        Set<String> onAws = apps.stream().filter(a -> estate.readyByCloud(a).getOrDefault("aws", 0) > 0)
                .collect(Collectors.toSet());
        assertTrue(onAws.size() >= 10, "at least the 10 pinned workloads run on AWS: " + onAws);

        String metricsBefore = io.restassured.RestAssured.given().get("/q/metrics").asString();
        // AWS goes dark; the prober (onprem) and networking's monitor (gcp) see it
        Instant blackout = Instant.now();
        SkybridgeWithClouds.emulator().startOutage(Cloud.AWS);
        ConsumerRecord<String, byte[]> declaredRecord = null;
        for (int i = 0; i < 30 && declaredRecord == null; i++) {
            bus.publish(new CloudHealthObserved("aws", null, "networking@gcp", "gcp", "TUNNEL", false, null,
                    "4 of 4 tunnels down", Instant.now()), "service:networking");
            Thread.sleep(500);
            declaredRecord = bus.collect(Topics.FAILOVER_EVENTS, r -> isType(r, "OutageDeclared")
                    && r.timestamp() >= blackout.toEpochMilli(), Duration.ofMillis(150)).stream().findFirst().orElse(null);
        }
        assertNotNull(declaredRecord, "AWS declared out");
        OutageDeclared declared = payload(declaredRecord, OutageDeclared.class);
        assertFalse(declared.manual(), "declared by the quorum");
        Duration detection = Duration.between(blackout, declared.declaredAt());
        assertTrue(detection.toMillis() <= 5_000, "declared within 5 s of the blackout: " + detection);
        String incident = declared.incidentId();

        ConsumerRecord<String, byte[]> completedRecord = bus.await(Topics.FAILOVER_EVENTS,
                r -> isType(r, "FailoverCompleted") && incident.equals(r.key()), Duration.ofSeconds(90));
        FailoverCompleted completed = payload(completedRecord, FailoverCompleted.class);

        // the plan asked for GCP capacity, exactly once, and it came
        FailoverPlanComputed plan = payload(bus.await(Topics.FAILOVER_EVENTS, r -> isType(r, "FailoverPlanComputed")
                && incident.equals(r.key()), Duration.ofSeconds(5)), FailoverPlanComputed.class);
        assertFalse(plan.dryRun());
        assertEquals(1, plan.nodeRequests().size(), "a deficit on GCP: " + plan.deficit());
        int additional = plan.nodeRequests().get(0).additionalNodes();
        assertTrue(additional >= 1, "nodes requested: " + additional);
        List<EmulatorProvisioner.Seen> requests = provisioner.seen().stream()
                .filter(s -> incident.equals(s.correlationId())).toList();
        assertEquals(1, requests.size(), "one scale intent, correlated with the incident: " + requests);
        assertEquals(SURGE, requests.get(0).intent().poolId());
        assertEquals(surgeBefore + additional, requests.get(0).intent().desired());
        assertTrue(estate.readyNodesOfPool(SURGE).size() >= surgeBefore + additional, "GCP gained the surge nodes");

        // all 20 workloads fully Ready on GCP, none left anywhere else
        for (String app : apps) {
            assertEquals(Map.of("gcp", 2), estate.readyByCloud(app), app + " Ready on GCP");
        }
        assertEquals("gcp", completed.to());
        assertFalse(completed.degraded());
        assertEquals(declared.epoch(), completed.epoch());
        assertEquals(onAws.size(), completed.workloadsMigrated(), "every workload with replicas on AWS: " + onAws);
        FailoverTimeline t = completed.timeline();
        // progressive failover: the moves that fit GCP's headroom start before the surge capacity is Ready
        List<Instant> steps = List.of(t.evidenceFirstSeenAt(), t.declaredAt(), t.planComputedAt(), t.movesStartedAt(), t.allReadyAt());
        for (int i = 1; i < steps.size(); i++) {
            assertFalse(steps.get(i).isBefore(steps.get(i - 1)), "timeline in order: " + t);
        }
        assertFalse(t.capacityReadyAt().isBefore(t.planComputedAt()), "capacity after the plan: " + t);
        assertFalse(t.capacityReadyAt().isAfter(t.allReadyAt()), "capacity before all Ready: " + t);
        assertEquals(t.waves().stream().mapToInt(io.skybridge.contracts.failover.FailoverWave::workloads).sum(), completed.workloadsMigrated(),
                "every moved workload in one wave: " + t.waves());
        assertEquals(t.allReadyAt(), t.waves().get(t.waves().size() - 1).allReadyAt());
        assertEquals(completed.rtoMillis(), completed.rtoMillisByPriority().values().stream().mapToLong(Long::longValue).max().orElseThrow(),
                "the overall RTO is the slowest priority's: " + completed.rtoMillisByPriority());
        assertTrue(t.evidenceFirstSeenAt().isBefore(t.declaredAt()), "evidence precedes the declaration: " + t);
        assertEquals(Duration.between(t.declaredAt(), t.allReadyAt()).toMillis(), completed.rtoMillis());
        assertMetricsTellTheFailover(metricsBefore, completed.workloadsMigrated());
        System.out.printf("headline failover: detection %d ms, RTO %d ms (timeline %s), %d surge nodes%n",
                detection.toMillis(), completed.rtoMillis(), t, additional);

        // AWS comes back; after W the incident clears (policy manual: nothing moves until asked)
        SkybridgeWithClouds.emulator().clearOutage(Cloud.AWS);
        bus.await(Topics.FAILOVER_EVENTS, r -> isType(r, "OutageCleared") && incident.equals(r.key()), Duration.ofSeconds(30));
        Estate.await("the metrics say AWS is healthy and no incident is open", 10_000,
                () -> ServiceMetrics.sum("skybridge_failover_detection_state", "cloud=\"aws\"") == 0
                        && ServiceMetrics.sum("skybridge_failover_incidents_open") == 0);
        Thread.sleep(1500);
        assertTrue(bus.collect(Topics.FAILOVER_EVENTS, r -> isType(r, "FailbackCompleted") && incident.equals(r.key()),
                Duration.ofMillis(300)).isEmpty(), "policy manual: no failback until requested");
        assertEquals(Map.of("gcp", 2), estate.readyByCloud("aws-app-0"));

        bus.publish(new FailbackRequested(incident, declared.epoch(), "AWS is back"), "user:sre");
        FailbackCompleted failback = payload(bus.await(Topics.FAILOVER_EVENTS, r -> isType(r, "FailbackCompleted")
                && incident.equals(r.key()), Duration.ofSeconds(90)), FailbackCompleted.class);
        assertFalse(failback.automatic());
        assertEquals("aws", failback.cloud());
        assertEquals(onAws.size(), failback.workloadsRestored());
        assertEquals(additional, failback.nodesReleased());
        for (int i = 0; i < 10; i++) {
            assertEquals(Map.of("aws", 2), estate.readyByCloud("aws-app-" + i), "aws-app-" + i + " back on AWS");
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(Map.of("gcp", 2), estate.readyByCloud("gcp-app-" + i), "gcp-app-" + i + " stayed on GCP");
        }
        var awsNodes = kube.nodes().withLabel("skybridge.io/node-pool", "aws-general").list().getItems();
        assertTrue(awsNodes.stream().noneMatch(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable())), "AWS uncordoned");
        List<EmulatorProvisioner.Seen> release = provisioner.seen().stream()
                .filter(s -> incident.equals(s.correlationId())).toList();
        assertEquals(2, release.size(), "the surge request, then its release");
        assertEquals(surgeBefore, release.get(1).intent().desired(), "the surge pool back to its size before");
        Estate.await("surge VMs gone", 20_000, () -> estate.readyNodesOfPool(SURGE).size() == surgeBefore);
        given().get("/incidents/{id}", incident).then().statusCode(200).body("kind", equalTo("OUTAGE"))
                .body("failover.status", equalTo("COMPLETED")).body("failover.step", equalTo("DONE"))
                .body("failover.failbackStatus", equalTo("COMPLETED"));
        assertEquals(Set.of(incident), bus.collect(Topics.FAILOVER_EVENTS, r -> isType(r, "FailbackCompleted")
                && incident.equals(r.key()), Duration.ofMillis(300)).stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
    }

    /** What an SRE's dashboard shows of this failover: AWS out, one incident open, each step timed, every move counted. */
    private static void assertMetricsTellTheFailover(String before, int migrated) throws Exception {
        Estate.await("the open incident counted", 10_000, () -> ServiceMetrics.sum("skybridge_failover_incidents_open") == 1);
        String after = io.restassured.RestAssured.given().get("/q/metrics").asString();
        assertEquals(2, ServiceMetrics.sumIn(after, "skybridge_failover_detection_state", "cloud=\"aws\""), "AWS declared out");
        assertEquals(0, ServiceMetrics.sumIn(after, "skybridge_failover_detection_state", "cloud=\"gcp\""), "GCP healthy");
        for (String step : List.of("PLAN", "CORDON", "MOVE")) {
            String label = "step=\"" + step + "\"";
            assertTrue(ServiceMetrics.sumIn(after, "skybridge_failover_step_duration_seconds_count", label)
                    > ServiceMetrics.sumIn(before, "skybridge_failover_step_duration_seconds_count", label), step + " timed");
        }
        assertEquals(migrated, ServiceMetrics.sumIn(after, "skybridge_failover_workloads_moved_total")
                - ServiceMetrics.sumIn(before, "skybridge_failover_workloads_moved_total"), "every moved workload counted once");
        assertEquals(migrated, ServiceMetrics.sumIn(after, "skybridge_failover_workloads_ready_total")
                - ServiceMetrics.sumIn(before, "skybridge_failover_workloads_ready_total"), "every Ready workload counted once");
    }
}

package io.skybridge.failover;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.FailbackCompleted;
import io.skybridge.contracts.failover.FailbackRequested;
import io.skybridge.contracts.failover.OutageClearanceRequested;
import io.skybridge.contracts.failover.OutageDeclarationRequested;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.contracts.health.CloudHealthObserved;
import io.skybridge.contracts.networking.NetworkLinkEstablished;
import io.skybridge.contracts.networking.NetworkLinkIsolationRequested;
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
import java.util.Map;

import static io.skybridge.testing.TestBus.header;
import static io.skybridge.testing.TestBus.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failback policy {@code automatic}: an OUTAGE fails back by itself once cleared; a COMPROMISE isolates the
 * cloud's links first, ignores evidence from observers inside it, and never fails back by itself (an
 * operator's {@code FailbackRequested} still can).
 */
@QuarkusTest
@TestProfile(AutomaticFailbackProfile.class)
@QuarkusTestResource(SkybridgeWithClouds.class)
class FailbackPolicyFlowTest {
    private static TestBus bus;
    private static KubernetesClient kube;
    private static EmulatorProvisioner provisioner;

    @BeforeAll
    static void setUp() throws Exception {
        bus = TestBus.onSharedBroker();
        kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(SkybridgeWithClouds.emulator().kubeUrl()).build()).build();
        provisioner = new EmulatorProvisioner(SkybridgeWithClouds.emulator(), KafkaBroker.shared().bootstrapServers());
        provisioner.bootAws("policy-aws", "us-east-1b", "m5.xlarge", 2);
        provisioner.bootGcp("policy-gcp", "us-central1-c", "e2-standard-4");
        provisioner.bootGcp("policy-gcp", "us-central1-c", "e2-standard-4");
    }

    @AfterAll
    static void tearDown() {
        bus.publish(new OutageClearanceRequested("aws", null, "test over"), "user:test");
        provisioner.close();
        kube.close();
        bus.close();
    }

    private static boolean isType(ConsumerRecord<String, byte[]> r, String type) {
        return type.equals(header(r, CloudEventHeaders.TYPE));
    }

    private static OutageDeclared declare(String kind) {
        var intent = bus.publish(new OutageDeclarationRequested("aws", null, "test: " + kind, kind), "user:sre");
        return payload(bus.await(Topics.FAILOVER_EVENTS, r -> isType(r, "io.skybridge.failover.OutageDeclared.v1")
                && intent.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), Duration.ofSeconds(20)), OutageDeclared.class);
    }

    private static ConsumerRecord<String, byte[]> awaitEvent(String name, String incident) {
        return bus.await(Topics.FAILOVER_EVENTS, r -> isType(r, "io.skybridge.failover." + name + ".v1")
                && incident.equals(r.key()), Duration.ofSeconds(60));
    }

    private static Estate estateOf(String ns, String app) throws InterruptedException {
        Estate estate = new Estate(kube, ns);
        estate.deployment(app, 2, "aws", 10, "500m", "512Mi");
        Estate.await(app + " Ready on AWS", 30_000, () -> estate.readyByCloud(app).equals(Map.of("aws", 2)));
        return estate;
    }

    @Test
    void shouldFailBackByItselfWhenAnOutageClearsUnderTheAutomaticPolicy() throws Exception {
        Estate estate = estateOf("auto-failback", "billing");
        try {
            OutageDeclared declared = declare(null);
            assertEquals("OUTAGE", declared.kind());
            awaitEvent("FailoverCompleted", declared.incidentId());
            assertEquals(Map.of("gcp", 2), estate.readyByCloud("billing"));

            bus.publish(new OutageClearanceRequested("aws", null, "AWS is back"), "user:sre");
            FailbackCompleted done = payload(awaitEvent("FailbackCompleted", declared.incidentId()), FailbackCompleted.class);
            assertTrue(done.automatic(), "failed back by the policy, nobody asked");
            assertEquals(1, done.workloadsRestored());
            assertEquals(Map.of("aws", 2), estate.readyByCloud("billing"), "billing is back on AWS");
        } finally {
            estate.delete();
        }
    }

    @Test
    void shouldIsolateACompromisedCloudFirstIgnoreItsObserversAndNeverFailBackByItself() throws Exception {
        String link = "l-" + Long.toHexString(System.nanoTime());
        bus.publish(new NetworkLinkEstablished(link, "HA", "10.200.0.0/16", "10.201.0.0/16", 64512, 64513, 4, 4,
                Instant.now()), "service:networking");
        Estate estate = estateOf("compromise", "ledger");
        try {
            Thread.sleep(1000); // the link event reaches failover's registry
            OutageDeclared declared = declare("COMPROMISE");
            String incident = declared.incidentId();
            assertEquals("COMPROMISE", declared.kind());

            ConsumerRecord<String, byte[]> isolation = bus.await(Topics.NETWORKING_INTENTS, r -> isType(r,
                    "io.skybridge.networking.NetworkLinkIsolationRequested.v1") && link.equals(r.key()), Duration.ofSeconds(20));
            NetworkLinkIsolationRequested iso = payload(isolation, NetworkLinkIsolationRequested.class);
            assertEquals("aws", iso.compromisedCloud());
            assertEquals(incident, iso.incidentId());
            assertEquals(declared.epoch(), iso.epoch());
            assertEquals(incident, header(isolation, CloudEventHeaders.CORRELATION_ID));
            ConsumerRecord<String, byte[]> plan = awaitEvent("FailoverPlanComputed", incident);
            assertTrue(isolation.timestamp() <= plan.timestamp(), "the link is isolated before anything is planned");
            awaitEvent("FailoverCompleted", incident);
            assertEquals(Map.of("gcp", 2), estate.readyByCloud("ledger"));
            assertTrue(kube.nodes().withLabel("skybridge.io/node-pool", "policy-aws").list().getItems().stream()
                    .allMatch(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable())), "AWS nodes cordoned");

            // an observer inside the compromised cloud is no evidence: it and one GCP observer "see" GCP down
            Instant start = Instant.now();
            for (int i = 0; i < 10; i++) {
                bus.publish(new CloudHealthObserved("gcp", null, "agent@aws", "aws", "API", false, null, "503", Instant.now()),
                        "service:networking");
                bus.publish(new CloudHealthObserved("gcp", null, "networking@gcp", "gcp", "API", false, null, "503",
                        Instant.now()), "service:networking");
                Thread.sleep(500);
            }
            assertTrue(bus.collect(Topics.FAILOVER_EVENTS, r -> isType(r, "io.skybridge.failover.OutageDeclared.v1")
                    && r.timestamp() >= start.toEpochMilli(), Duration.ofMillis(300)).isEmpty(),
                    "no quorum on GCP from an untrusted observer");

            bus.publish(new OutageClearanceRequested("aws", null, "account secured"), "user:sre");
            awaitEvent("OutageCleared", incident);
            Thread.sleep(3000);
            assertTrue(bus.collect(Topics.FAILOVER_EVENTS, r -> isType(r, "io.skybridge.failover.FailbackCompleted.v1")
                    && incident.equals(r.key()), Duration.ofMillis(300)).isEmpty(), "a COMPROMISE never fails back by itself");
            assertEquals(Map.of("gcp", 2), estate.readyByCloud("ledger"));

            bus.publish(new FailbackRequested(incident, declared.epoch(), "account secured, verified"), "user:sre");
            FailbackCompleted done = payload(awaitEvent("FailbackCompleted", incident), FailbackCompleted.class);
            assertTrue(!done.automatic());
            assertEquals(Map.of("aws", 2), estate.readyByCloud("ledger"));
        } finally {
            estate.delete();
        }
    }
}

package io.skybridge.failover;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.OutageClearanceRequested;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.contracts.health.CloudHealthObserved;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.skybridge.testing.TestBus.header;
import static io.skybridge.testing.TestBus.payload;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failover service's own prober against the emulated clouds, through the real SDKs: with one
 * more observer it makes a quorum when AWS goes dark; when only the prober's own network is cut off
 * it sees every cloud fail, its evidence is discarded and nothing is declared.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloudProberFlowTest {
    private static TestBus bus;

    @BeforeAll
    static void connect() {
        bus = TestBus.onSharedBroker();
    }

    @AfterAll
    static void close() {
        bus.close();
    }

    private static void networkingSees(String cloud, boolean healthy) {
        bus.publish(new CloudHealthObserved(cloud, null, "networking@gcp", "gcp", "API", healthy, healthy ? 9L : null,
                healthy ? null : "503", Instant.now()), "service:networking");
    }

    private static List<ConsumerRecord<String, byte[]>> autoDeclarations(String cloud, Instant since) {
        return bus.collect(Topics.FAILOVER_EVENTS, r -> "io.skybridge.failover.OutageDeclared.v1".equals(header(r, CloudEventHeaders.TYPE))
                && cloud.equals(TestBus.json(r).get("cloud").asText()) && !TestBus.json(r).get("manual").asBoolean()
                && r.timestamp() >= since.toEpochMilli(), Duration.ofMillis(200));
    }

    @Test
    @Order(1)
    void shouldDiscardTheProbersEvidenceWhenOnlyItsOwnNetworkIsCut() throws Exception {
        SkybridgeWithClouds.emulator().partition("failover-prober");
        Instant start = Instant.now();
        try {
            for (int i = 0; i < 14; i++) { // 7 s: longer than T, with one other observer agreeing about AWS
                networkingSees("aws", false);
                Thread.sleep(500);
            }
            var prober = bus.collect(Topics.HEALTH_OBSERVATIONS, r -> TestBus.json(r).get("observer").asText()
                    .startsWith("failover-prober") && r.timestamp() >= start.toEpochMilli() + 2000, Duration.ofMillis(300));
            assertFalse(prober.isEmpty(), "the prober kept reporting");
            assertTrue(prober.stream().noneMatch(r -> TestBus.json(r).get("healthy").asBoolean()),
                    "cut off, the prober sees every cloud fail");
            assertTrue(autoDeclarations("aws", start).isEmpty(), "a partitioned observer is no evidence: no failover");
        } finally {
            SkybridgeWithClouds.emulator().heal("failover-prober");
        }
    }

    @Test
    @Order(2)
    void shouldDeclareAwsOutWhenTheProberAndAnotherObserverSeeItDark() throws Exception {
        Instant start = Instant.now();
        SkybridgeWithClouds.emulator().startOutage(Cloud.AWS);
        ConsumerRecord<String, byte[]> declared = null;
        try {
            for (int i = 0; i < 24 && declared == null; i++) {
                networkingSees("aws", false);
                Thread.sleep(500);
                List<ConsumerRecord<String, byte[]>> found = autoDeclarations("aws", start);
                declared = found.isEmpty() ? null : found.get(0);
            }
        } finally {
            SkybridgeWithClouds.emulator().clearOutage(Cloud.AWS);
        }
        var proberSamples = bus.collect(Topics.HEALTH_OBSERVATIONS, r -> TestBus.json(r).get("observer").asText()
                .startsWith("failover-prober") && r.timestamp() >= start.toEpochMilli(), Duration.ofMillis(300));
        assertTrue(declared != null, "AWS declared out within 12 s; the prober saw: "
                + proberSamples.stream().map(r -> TestBus.json(r).toString()).limit(6).toList());
        OutageDeclared body = payload(declared, OutageDeclared.class);
        assertTrue(body.declaredBy().contains("failover-prober@onprem") && body.declaredBy().contains("networking@gcp"),
                body.declaredBy());
        assertTrue(Duration.between(start, body.declaredAt()).toSeconds() < 8, "declared in " + Duration.between(start, body.declaredAt()));
        // leave the cloud healthy for whatever runs next
        bus.publish(new OutageClearanceRequested("aws", null, "test over"), "user:test");
    }
}

package io.skybridge.failover;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.OutageCleared;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.contracts.health.CloudHealthObserved;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outage detection end to end: health samples published on {@code skybridge.health.observations} by
 * plain Kafka producers (as networking, provisioning and probers do) reach the failover service,
 * which declares an outage only on a quorum and clears it after the stabilisation window (4 s in
 * tests).
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutageDetectionFlowTest {
    private static TestBus bus;

    @BeforeAll
    static void connect() {
        bus = TestBus.onSharedBroker();
    }

    @AfterAll
    static void close() {
        bus.close();
    }

    private static void observe(String cloud, String observer, String location, boolean healthy) {
        bus.publish(new CloudHealthObserved(cloud, null, observer, location, "API", healthy, healthy ? 12L : null,
                healthy ? null : "503 Unavailable", Instant.now()), "service:" + observer);
    }

    private static List<ConsumerRecord<String, byte[]>> declarationsFor(String cloud, Instant since, Duration window) {
        return bus.collect(Topics.FAILOVER_EVENTS, r -> "io.skybridge.failover.OutageDeclared.v1".equals(header(r, CloudEventHeaders.TYPE))
                && cloud.equals(TestBus.json(r).get("cloud").asText()) && !TestBus.json(r).get("manual").asBoolean()
                && r.timestamp() >= since.toEpochMilli(), window);
    }

    @Test
    @Order(1)
    void shouldNotDeclareWhatOnlyOneObserverSees() throws Exception {
        Instant start = Instant.now();
        for (int i = 0; i < 10; i++) { // 5 s of one observer's failures, longer than T
            observe("gcp", "prober-1", "aws", false);
            Thread.sleep(500);
        }
        assertTrue(declarationsFor("gcp", start, Duration.ofSeconds(2)).isEmpty(), "one observer is not a quorum");
    }

    @Test
    @Order(2)
    void shouldDeclareOnAQuorumAndClearAfterTheStabilisationWindow() throws Exception {
        Instant start = Instant.now();
        ConsumerRecord<String, byte[]> declared = null;
        for (int i = 0; i < 20 && declared == null; i++) {
            observe("gcp", "prober-1", "aws", false);
            observe("gcp", "networking-1", "onprem", false);
            Thread.sleep(500);
            List<ConsumerRecord<String, byte[]>> found = declarationsFor("gcp", start, Duration.ofMillis(100));
            declared = found.isEmpty() ? null : found.get(0);
        }
        assertTrue(declared != null, "declared within 10 s");
        OutageDeclared body = payload(declared, OutageDeclared.class);
        assertFalse(body.manual());
        assertTrue(body.declaredBy().contains("prober-1") && body.declaredBy().contains("networking-1"), body.declaredBy());
        long decisionMillis = Duration.between(start, body.declaredAt()).toMillis();
        assertTrue(decisionMillis >= 3000, "not before the sustain time T=3s: " + decisionMillis);
        assertTrue(decisionMillis < 5500, "within 5 s of the first evidence (+ a tick): " + decisionMillis);

        // healthy again: cleared only after W (4 s in tests) of health
        Instant healthyFrom = Instant.now();
        ConsumerRecord<String, byte[]> cleared = null;
        for (int i = 0; i < 24 && cleared == null; i++) {
            observe("gcp", "prober-1", "aws", true);
            observe("gcp", "networking-1", "onprem", true);
            Thread.sleep(500);
            var found = bus.collect(Topics.FAILOVER_EVENTS, r -> "io.skybridge.failover.OutageCleared.v1".equals(header(r, CloudEventHeaders.TYPE))
                    && body.incidentId().equals(r.key()), Duration.ofMillis(100));
            cleared = found.isEmpty() ? null : found.get(0);
        }
        assertTrue(cleared != null, "cleared after the window");
        OutageCleared clearedBody = payload(cleared, OutageCleared.class);
        assertEquals(body.epoch(), clearedBody.epoch());
        assertTrue(Duration.between(healthyFrom, clearedBody.clearedAt()).toMillis() >= 3500,
                "not before W: " + Duration.between(healthyFrom, clearedBody.clearedAt()));
    }
}

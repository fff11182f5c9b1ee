package io.skybridge.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.contracts.networking.NetworkLinkDegraded;
import io.skybridge.contracts.networking.NetworkLinkEstablished;
import io.skybridge.contracts.provisioning.NodeDecommissioned;
import io.skybridge.contracts.provisioning.NodeJoined;
import io.skybridge.contracts.provisioning.NodeProvisioned;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.skybridge.inventory.InventoryTestSupport.WAIT;
import static io.skybridge.inventory.InventoryTestSupport.await;
import static io.skybridge.inventory.InventoryTestSupport.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model is rebuildable: emptied, then rebuilt from the events topics (replayed from the
 * beginning) and the cluster, it gives the same answers as before.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class RebuildTest {
    private static TestBus bus;

    @BeforeAll
    static void connect() {
        bus = TestBus.onSharedBroker();
    }

    @AfterAll
    static void close() {
        bus.close();
    }

    private static Map<String, Object> answers() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String path : List.of("/nodes", "/nodes?ready=true", "/links", "/clouds", "/clouds/aws/capacity",
                "/clouds/gcp/capacity", "/workloads", "/placement", "/drift")) {
            all.put(path, get(path).get(""));
        }
        return all;
    }

    @Test
    void replayingTheTopicsIntoAnEmptyModelGivesTheSameAnswers() throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-11-02T08:00:00Z");
        bus.publish(new NodeJoined("rb-" + s, "general", "gcp", "us-central1", "us-central1-c", "rb-" + s,
                "gce://skybridge-demo/us-central1-c/rb-" + s, t0.plusSeconds(20)), "svc:provisioning");
        bus.publish(new NodeProvisioned("rb-" + s, "general", "gcp", "us-central1", "us-central1-c", "rb-" + s,
                "n2-standard-4", null, t0), "svc:provisioning");
        bus.publish(new NodeProvisioned("rbd-" + s, "general", "aws", "us-east-1", "us-east-1c", "i-rbd" + s,
                "c5.large", null, t0), "svc:provisioning");
        bus.publish(new NodeDecommissioned("rbd-" + s, "general", "aws", "i-rbd" + s, true, t0.plusSeconds(99)),
                "svc:provisioning");
        bus.publish(new NetworkLinkEstablished("rb-" + s, "HA", "10.200.0.0/16", "10.201.0.0/16", 64512, 65000, 4, 4, t0),
                "svc:networking");
        bus.publish(new NetworkLinkDegraded("rb-" + s, 3, 4, List.of("t4"), t0.plusSeconds(5)), "svc:networking");
        bus.publish(new OutageDeclared("rb-" + s, "aws", "us-west-2", 1, false, "detector", "quorum", t0), "detector");
        await("events applied", WAIT, () -> get("/clouds").getList("find { it.id == 'aws' }.outages").contains("aws/us-west-2")
                && "DEGRADED".equals(get("/links").getString("find { it.linkId == 'rb-" + s + "' }.state"))
                && given().get("/nodes/{id}", "rbd-" + s).statusCode() == 200
                && "DECOMMISSIONED".equals(get("/nodes/{id}", "rbd-" + s).getString("lifecycle"))
                && "n2-standard-4".equals(get("/nodes/{id}", "rb-" + s).getString("machineType")));

        Map<String, Object> before = stableAnswers();
        JsonPath result = given().post("/admin/rebuild").then().statusCode(200).extract().jsonPath();
        assertTrue(result.getLong("rowsDeleted") >= 4, "the model was emptied: " + result.prettify());
        assertTrue(result.getLong("recordsReplayed") >= 7, "the topics were replayed: " + result.prettify());

        Map<String, Object> after = answers();
        for (String path : before.keySet()) {
            assertEquals(before.get(path), after.get(path), path);
        }
    }

    /** Two identical snapshots 300 ms apart: the cluster is not moving. */
    private static Map<String, Object> stableAnswers() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Object> previous = answers();
        while (System.nanoTime() < deadline) {
            Thread.sleep(300);
            Map<String, Object> now = answers();
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        throw new AssertionError("the model did not settle");
    }
}

package io.skybridge.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.OutageCleared;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.contracts.inventory.NodeObserved;
import io.skybridge.contracts.networking.NetworkLinkDegraded;
import io.skybridge.contracts.networking.NetworkLinkEstablished;
import io.skybridge.contracts.networking.NetworkLinkTornDown;
import io.skybridge.contracts.provisioning.NodeDecommissioned;
import io.skybridge.contracts.provisioning.NodeJoined;
import io.skybridge.contracts.provisioning.NodeProvisioned;
import io.skybridge.testing.Postgres;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.skybridge.inventory.InventoryTestSupport.WAIT;
import static io.skybridge.inventory.InventoryTestSupport.assertSchemaValid;
import static io.skybridge.inventory.InventoryTestSupport.await;
import static io.skybridge.inventory.InventoryTestSupport.get;
import static io.skybridge.inventory.InventoryTestSupport.inventoryEvent;
import static io.skybridge.testing.TestBus.header;
import static io.skybridge.testing.TestBus.payload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event sources through the shared pipeline: provisioning's node events in any order and twice,
 * networking's link events (a late, older one does not roll the state back), failover's outages.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class EventSourcesTest {
    private static TestBus bus;

    @BeforeAll
    static void connect() {
        bus = TestBus.onSharedBroker();
    }

    @AfterAll
    static void close() {
        bus.close();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static NodeProvisioned provisioned(String node, Instant at) {
        return new NodeProvisioned(node, "general", "aws", "us-east-1", "us-east-1b", "i-" + node, "m5.xlarge",
                "10.200.16.7", at);
    }

    private static NodeJoined joined(String node, Instant at) {
        return new NodeJoined(node, "general", "aws", "us-east-1", "us-east-1b", "i-" + node,
                "aws:///us-east-1b/i-" + node, at);
    }

    private static JsonPath awaitNode(String id, String lifecycle, String machineType) {
        await(id + " " + lifecycle, WAIT, () -> {
            var r = given().get("/nodes/{id}", id);
            return r.statusCode() == 200 && lifecycle.equals(r.jsonPath().getString("lifecycle"))
                    && java.util.Objects.equals(machineType, r.jsonPath().getString("machineType"));
        });
        return get("/nodes/{id}", id);
    }

    @Test
    void nodeJoinedBeforeNodeProvisionedConvergesToTheSameNode() {
        String inOrder = "ord-" + suffix();
        String outOfOrder = "rev-" + suffix();
        Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
        bus.publish(provisioned(inOrder, t0), "svc:provisioning");
        bus.publish(joined(inOrder, t0.plusSeconds(30)), "svc:provisioning");
        bus.publish(joined(outOfOrder, t0.plusSeconds(30)), "svc:provisioning");
        bus.publish(provisioned(outOfOrder, t0), "svc:provisioning");

        Map<String, Object> a = awaitNode(inOrder, "JOINED", "m5.xlarge").getMap("");
        Map<String, Object> b = awaitNode(outOfOrder, "JOINED", "m5.xlarge").getMap("");
        assertEquals("i-" + outOfOrder, b.get("instanceId"));
        assertEquals("aws:///us-east-1b/i-" + outOfOrder, b.get("providerId"));
        assertEquals("us-east-1b", b.get("zone"));
        for (String field : List.of("cloud", "region", "zone", "poolId", "machineType", "status", "lifecycle", "inCluster")) {
            assertEquals(a.get(field), b.get(field), field);
        }
        assertTrue(get("/nodes?cloud=aws&ready=false").getList("nodeId").containsAll(List.of(inOrder, outOfOrder)),
                "provisioned nodes not seen Ready in the cluster are listed as not ready");
        ConsumerRecord<String, byte[]> observed = bus.await(Topics.INVENTORY_EVENTS,
                r -> inventoryEvent("NodeObserved", outOfOrder).test(r)
                        && "m5.xlarge".equals(payload(r, NodeObserved.class).machineType()), WAIT);
        assertSchemaValid(observed);
    }

    @Test
    void theSameEventTwiceHasNoSecondEffect() throws Exception {
        String node = "dup-" + suffix();
        NodeProvisioned event = provisioned(node, Instant.now());
        EventMetadata first = bus.publish(event, "svc:provisioning");
        bus.publish(Topics.PROVISIONING_EVENTS, event, first);           // redelivery: same ce_id
        bus.publish(event, "svc:provisioning");                          // same content, new ce_id
        EventMetadata fence = bus.publish(joined(node, Instant.now()), "svc:provisioning"); // same key, after them
        bus.await(Topics.INVENTORY_EVENTS, r -> fence.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), WAIT);

        List<ConsumerRecord<String, byte[]>> observed = bus.collect(Topics.INVENTORY_EVENTS,
                inventoryEvent("NodeObserved", node), Duration.ofMillis(500));
        assertEquals(2, observed.size(), "one NodeObserved for the provisioning, one for the join, none for the copies: "
                + observed.stream().map(r -> header(r, CloudEventHeaders.CAUSATION_ID) + "=" + new String(r.value())).toList()
                + " first=" + first.id() + " fence=" + fence.id());
        assertEquals(first.id(), header(observed.get(0), CloudEventHeaders.CAUSATION_ID));
        assertEquals(1, inboxRows(first.id()), "the redelivered copy is recorded once");
        assertEquals("JOINED", get("/nodes/{id}", node).getString("lifecycle"));
    }

    @Test
    void aDecommissionedNodeLeavesTheListEvenWhenItsEventsArriveLate() {
        String node = "dec-" + suffix();
        Instant t0 = Instant.now().minusSeconds(60);
        bus.publish(new NodeDecommissioned(node, "general", "aws", "i-" + node, true, t0.plusSeconds(50)), "svc:provisioning");
        bus.publish(joined(node, t0.plusSeconds(20)), "svc:provisioning");
        bus.publish(provisioned(node, t0), "svc:provisioning");

        awaitNode(node, "DECOMMISSIONED", "m5.xlarge");
        assertFalse(get("/nodes").getList("nodeId").contains(node));
    }

    @Test
    void linksFollowTheNewestEventAndOutagesShowOnTheClouds() {
        String link = "lnk-" + suffix();
        Instant t0 = Instant.now().minusSeconds(60);
        NetworkLinkEstablished established = new NetworkLinkEstablished(link, "HA", "10.200.0.0/16", "10.201.0.0/16",
                64512, 64513, 4, 4, t0);
        bus.publish(established, "svc:networking");
        bus.publish(new NetworkLinkDegraded(link, 2, 4, List.of("t1", "t2"), t0.plusSeconds(10)), "svc:networking");
        bus.publish(established, "svc:networking"); // late copy of the older event
        String fenceLink = "lnk-" + suffix();
        bus.publish(new NetworkLinkTornDown(fenceLink, 9, t0), "svc:networking");
        await("links applied", WAIT, () -> get("/links").getList("linkId").contains(fenceLink));

        JsonPath links = get("/links");
        String find = "find { it.linkId == '" + link + "' }";
        assertEquals("DEGRADED", links.getString(find + ".state"));
        assertEquals(2, links.getInt(find + ".tunnelsUp"));
        assertEquals("10.201.0.0/16", links.getString(find + ".gcpCidr"));
        assertEquals("TORN_DOWN", links.getString("find { it.linkId == '" + fenceLink + "' }.state"));

        String incident = "inc-" + suffix();
        bus.publish(new OutageDeclared(incident, "gcp", "europe-west1", 3, true, "user:ops", "drill", Instant.now()),
                "user:ops");
        await("outage shown", WAIT, () -> get("/clouds").getList("find { it.id == 'gcp' }.outages")
                .contains("gcp/europe-west1"));
        bus.publish(new OutageCleared(incident, "gcp", "europe-west1", 3, true, "user:ops", "over", Instant.now(),
                Instant.now()), "user:ops");
        await("outage cleared", WAIT, () -> !get("/clouds").getList("find { it.id == 'gcp' }.outages")
                .contains("gcp/europe-west1"));
    }

    private static long inboxRows(String messageId) throws Exception {
        Postgres pg = Postgres.shared();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             PreparedStatement ps = c.prepareStatement("select count(*) from inventory.inbox_message where message_id = ?")) {
            ps.setString(1, messageId);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }
}

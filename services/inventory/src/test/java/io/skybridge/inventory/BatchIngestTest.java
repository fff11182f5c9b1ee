package io.skybridge.inventory;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.Topics;
import io.restassured.path.json.JsonPath;
import io.skybridge.contracts.provisioning.NodeDecommissioned;
import io.skybridge.contracts.provisioning.NodeJoined;
import io.skybridge.contracts.provisioning.NodeProvisioned;
import io.skybridge.shared.messaging.InboundBatch;
import io.skybridge.testing.Postgres;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.skybridge.inventory.InventoryTestSupport.WAIT;
import static io.skybridge.inventory.InventoryTestSupport.get;
import static io.skybridge.testing.TestBus.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The events consumers take a whole poll batch per transaction ({@link InboundBatch}): every record of a batch
 * applied once (a copy inside the batch too), a poison record dead-lettered alone, and a record that makes the
 * batch's transaction fail processed again alone after its neighbours, then dead-lettered alone.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class BatchIngestTest {
    private static final String CONSUMER = "provisioning-events";
    private static TestBus bus;
    private long offset = 1_000_000;
    /** Nodes this test wrote without a record on Kafka: removed afterwards (the rebuild test replays Kafka). */
    private final List<String> nodes = new ArrayList<>();

    @Inject
    InboundBatch batch;

    @Inject
    MeterRegistry metrics;

    @BeforeAll
    static void connect() {
        bus = TestBus.onSharedBroker();
    }

    @AfterAll
    static void close() {
        bus.close();
    }

    @AfterEach
    void forgetNodes() throws Exception {
        Postgres pg = Postgres.shared();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             PreparedStatement ps = c.prepareStatement("delete from inventory.node_record where node_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("varchar", nodes.toArray()));
            ps.executeUpdate();
        }
        nodes.clear();
    }

    @Test
    void aBatchAppliesEachRecordOnceAndDeadLettersOnlyThePoisonRecord() throws Throwable {
        String a = "ba-" + suffix();
        String b = "bb-" + suffix();
        nodes.addAll(List.of(a, b));
        Instant t0 = Instant.parse("2026-11-03T09:00:00Z");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        EventMetadata first = add(records, provisioned(a, "i-" + a, t0));
        EventMetadata join = add(records, joined(a, t0.plusSeconds(5)));
        records.add(record(a, first, provisioned(a, "i-" + a, t0)));                 // a copy inside the batch
        EventMetadata poison = metadata(provisioned(b, "i-" + b, t0));
        records.add(record(b, poison, "{\"nodeId\": ".getBytes(StandardCharsets.UTF_8))); // not JSON
        EventMetadata other = add(records, provisioned(b, "i-" + b, t0));

        VertxContextSupport.subscribeAndAwait(() -> batch.process(CONSUMER, records));

        assertEquals(List.of("APPLIED"), inbox(first.id()), "the copy has no second row");
        assertEquals(List.of("APPLIED"), inbox(join.id()));
        assertEquals(List.of("REJECTED"), inbox(poison.id()));
        assertEquals(List.of("APPLIED"), inbox(other.id()));
        assertEquals("JOINED", get("/nodes/{id}", a).getString("lifecycle"));
        assertEquals("PROVISIONED", get("/nodes/{id}", b).getString("lifecycle"));
        ConsumerRecord<String, byte[]> dead = bus.await(Topics.dlq(Topics.PROVISIONING_EVENTS),
                r -> poison.id().equals(header(r, CloudEventHeaders.ID)), WAIT);
        assertTrue(header(dead, CloudEventHeaders.DLQ_REASON).startsWith("MALFORMED_JSON"), header(dead,
                CloudEventHeaders.DLQ_REASON));
        assertEquals(List.of(poison.id()), deadLetters(a, b));
    }

    @Test
    void aBatchOfNewAndKnownNodesCommitsInOneTransactionWithEveryFieldMerged() throws Throwable {
        String known = "bk-" + suffix();
        String early = "be-" + suffix();
        String gone = "bg-" + suffix();
        nodes.addAll(List.of(known, early, gone));
        Instant t0 = Instant.parse("2026-11-03T11:00:00Z");
        List<ConsumerRecord<String, byte[]>> first = new ArrayList<>();
        add(first, provisioned(known, "i-" + known, t0));
        add(first, provisioned(gone, "i-" + gone, t0));
        VertxContextSupport.subscribeAndAwait(() -> batch.process(CONSUMER, first));
        double committed = batches("committed");
        double split = batches("split");
        double byId = metrics.counter("skybridge.outbox.relay.rows", "pass", "by-id").count();

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        add(records, joined(known, t0.plusSeconds(5)));                       // an existing record gains fields
        add(records, joined(early, t0.plusSeconds(6)));                       // joined before provisioned: nulls
        add(records, new NodeDecommissioned(gone, "general", "aws", "i-" + gone, true, t0.plusSeconds(7)));
        add(records, provisioned(early, "i-" + early, t0.plusSeconds(1)));    // and then its provisioning
        VertxContextSupport.subscribeAndAwait(() -> batch.process(CONSUMER, records));

        assertEquals(committed + 1, batches("committed"), "the batch committed as one transaction");
        assertEquals(split, batches("split"), "it was not rolled back and split");
        JsonPath k = get("/nodes/{id}", known);
        assertEquals("JOINED", k.getString("lifecycle"));
        assertEquals("m5.large", k.getString("machineType"));
        assertEquals("aws:///us-east-1b/i-" + known, k.getString("providerId"));
        JsonPath e = get("/nodes/{id}", early);
        assertEquals("JOINED", e.getString("lifecycle"));
        assertEquals("i-" + early, e.getString("instanceId"));
        assertEquals("m5.large", e.getString("machineType"));
        assertEquals("DECOMMISSIONED", get("/nodes/{id}", gone).getString("lifecycle"));
        bus.await(Topics.INVENTORY_EVENTS, InventoryTestSupport.inventoryEvent("NodeObserved", early), WAIT);
        assertTrue(metrics.counter("skybridge.outbox.relay.rows", "pass", "by-id").count() > byId,
                "the batch's NodeObserved rows were published by id, right after the commit");
    }

    private double batches(String outcome) {
        return metrics.counter("skybridge.inbound.batches", "consumer", CONSUMER, "outcome", outcome).count();
    }

    @Test
    void aRecordThatBreaksTheBatchTransactionGoesAloneToTheDlq() throws Throwable {
        String c = "bc-" + suffix();
        String d = "bd-" + suffix();
        nodes.addAll(List.of(c, d));
        Instant t0 = Instant.parse("2026-11-03T10:00:00Z");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        EventMetadata before = add(records, provisioned(c, "i-" + c, t0));
        // valid by its schema, but longer than the column: the batch's transaction fails on it
        EventMetadata breaking = add(records, provisioned(d, "i-" + "x".repeat(200), t0));
        EventMetadata after = add(records, joined(c, t0.plusSeconds(5)));

        VertxContextSupport.subscribeAndAwait(() -> batch.process(CONSUMER, records));

        assertEquals(List.of("APPLIED"), inbox(before.id()));
        assertEquals(List.of("FAILED"), inbox(breaking.id()));
        assertEquals(List.of("APPLIED"), inbox(after.id()));
        assertEquals("JOINED", get("/nodes/{id}", c).getString("lifecycle"));
        assertEquals(404, given().get("/nodes/{id}", d).statusCode(), "nothing of the failed record was kept");
        ConsumerRecord<String, byte[]> dead = bus.await(Topics.dlq(Topics.PROVISIONING_EVENTS),
                r -> breaking.id().equals(header(r, CloudEventHeaders.ID)), WAIT);
        assertTrue(header(dead, CloudEventHeaders.DLQ_REASON).startsWith("PROCESSING_FAILED"));
        assertEquals(List.of(breaking.id()), deadLetters(c, d));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static NodeProvisioned provisioned(String node, String instance, Instant at) {
        return new NodeProvisioned(node, "general", "aws", "us-east-1", "us-east-1b", instance, "m5.large", null, at);
    }

    private static NodeJoined joined(String node, Instant at) {
        return new NodeJoined(node, "general", "aws", "us-east-1", "us-east-1b", "i-" + node,
                "aws:///us-east-1b/i-" + node, at);
    }

    private static EventMetadata metadata(SkybridgeMessage m) {
        MessageType type = MessageCatalog.of(m.getClass());
        return EventMetadata.newIntent(type, m.aggregateId(), "skybridge://provisioning", "svc:provisioning");
    }

    private EventMetadata add(List<ConsumerRecord<String, byte[]>> records, SkybridgeMessage m) throws Exception {
        EventMetadata meta = metadata(m);
        records.add(record(m.aggregateId(), meta, ContractJson.mapper().writeValueAsBytes(m)));
        return meta;
    }

    private ConsumerRecord<String, byte[]> record(String key, EventMetadata meta, SkybridgeMessage m) throws Exception {
        return record(key, meta, ContractJson.mapper().writeValueAsBytes(m));
    }

    private ConsumerRecord<String, byte[]> record(String key, EventMetadata meta, byte[] value) {
        ConsumerRecord<String, byte[]> r = new ConsumerRecord<>(Topics.PROVISIONING_EVENTS, 0, offset++, key, value);
        for (Map.Entry<String, String> h : meta.toHeaders().entrySet()) {
            r.headers().add(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    /** The ce_ids of the dead letters of these nodes (read for a moment: only what is expected is there). */
    private static List<String> deadLetters(String... keys) {
        List<String> k = List.of(keys);
        return bus.collect(Topics.dlq(Topics.PROVISIONING_EVENTS), r -> k.contains(r.key()), Duration.ofSeconds(1))
                .stream().map(r -> header(r, CloudEventHeaders.ID)).toList();
    }

    private static List<String> inbox(String messageId) throws Exception {
        Postgres pg = Postgres.shared();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             PreparedStatement ps = c.prepareStatement(
                     "select outcome from inventory.inbox_message where consumer = ? and message_id = ?")) {
            ps.setString(1, CONSUMER);
            ps.setString(2, messageId);
            ResultSet rs = ps.executeQuery();
            List<String> outcomes = new ArrayList<>();
            while (rs.next()) {
                outcomes.add(rs.getString(1));
            }
            return outcomes;
        }
    }
}

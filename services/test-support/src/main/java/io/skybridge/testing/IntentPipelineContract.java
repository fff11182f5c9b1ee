package io.skybridge.testing;

import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.common.IntentRejected;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.skybridge.testing.TestBus.header;
import static io.skybridge.testing.TestBus.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every service's intents topic must have, proved end to end against the real broker
 * and database: a subclass (a {@code @QuarkusTest}) names its domain and how to make a valid intent,
 * and checks the effect.
 */
public abstract class IntentPipelineContract {
    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static TestBus bus;

    @BeforeAll
    static void connectBus() {
        bus = TestBus.onSharedBroker();
    }

    @AfterAll
    static void closeBus() {
        bus.close();
    }

    /** networking, provisioning, failover or inventory. */
    protected abstract String domain();

    /** A valid intent for this service, different on every call. */
    protected abstract SkybridgeMessage newIntent();

    /** Checks the state the applied intent left behind (e.g. through the service's REST API). */
    protected abstract void assertApplied(SkybridgeMessage intent, EventMetadata metadata,
                                          List<ConsumerRecord<String, byte[]>> outcome);

    /**
     * An intent of this service that passes its schema but that its handler refuses (e.g. CIDRs that overlap),
     * different on every call; null where the service has none.
     */
    protected SkybridgeMessage refusedIntent() {
        return null;
    }

    protected String intentsTopic() {
        return Topics.intents(domain());
    }

    protected String eventsTopic() {
        return Topics.events(domain());
    }

    /** Every event caused by {@code intent}, waiting until at least one is out. */
    protected List<ConsumerRecord<String, byte[]>> outcomeOf(EventMetadata intent) {
        bus.await(eventsTopic(), r -> intent.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), WAIT);
        return bus.collect(eventsTopic(), r -> intent.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)),
                Duration.ofMillis(500));
    }

    @Test
    void shouldApplyIntentAndPublishItsOutcomeThroughTheOutbox() {
        SkybridgeMessage intent = newIntent();
        EventMetadata metadata = bus.publish(intent, "user:alice");

        List<ConsumerRecord<String, byte[]>> outcome = outcomeOf(metadata);

        for (ConsumerRecord<String, byte[]> event : outcome) {
            assertEquals(metadata.id(), header(event, CloudEventHeaders.CORRELATION_ID), "correlation id");
            assertEquals("user:alice", header(event, CloudEventHeaders.PRINCIPAL), "principal");
            assertEquals("skybridge://" + domain(), header(event, CloudEventHeaders.SOURCE), "source");
            assertEquals(event.key(), header(event, CloudEventHeaders.SUBJECT), "key = subject = aggregate id");
            assertTrue(header(event, CloudEventHeaders.TYPE).startsWith("io.skybridge." + domain() + "."));
            MessageType type = MessageCatalog.byCeType(header(event, CloudEventHeaders.TYPE)).orElseThrow();
            assertTrue(io.skybridge.contracts.ContractValidator.validate(type, TestBus.json(event)).isEmpty(),
                    "outgoing event matches its schema");
        }
        assertTrue(outcome.stream().noneMatch(r -> header(r, CloudEventHeaders.TYPE).contains("IntentRejected")),
                "a valid intent is not rejected: " + outcome.stream().map(r -> new String(r.value())).toList());
        assertApplied(intent, metadata, outcome);
    }

    /**
     * The intent's trace goes on in the service: the record is processed in a span whose parent is the sender's, and
     * every event it causes is published in a span of the same trace (the {@code traceparent} stored with the outbox
     * row, restored by the relay); the spans are in the service's trace file.
     */
    @Test
    void shouldContinueTheIntentsTraceInEveryEventItCauses() throws Exception {
        String traceId = java.util.HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(16)
                .putLong(UUID.randomUUID().getMostSignificantBits()).putLong(System.nanoTime() | 1).array());
        String senderSpan = "00f067aa0ba902b7";
        SkybridgeMessage intent = newIntent();
        MessageType type = MessageCatalog.of(intent.getClass());
        EventMetadata metadata = EventMetadata.newIntent(type, intent.aggregateId(), "skybridge://test", "user:alice")
                .withTraceparent("00-" + traceId + "-" + senderSpan + "-01");
        bus.publish(type.topic(), intent, metadata);

        List<ConsumerRecord<String, byte[]>> outcome = outcomeOf(metadata);
        assertFalse(outcome.isEmpty(), "the intent is answered");
        java.util.Set<String> published = new java.util.HashSet<>();
        for (ConsumerRecord<String, byte[]> event : outcome) {
            String traceparent = header(event, CloudEventHeaders.TRACEPARENT);
            assertNotNull(traceparent, header(event, CloudEventHeaders.TYPE) + " carries a traceparent");
            assertEquals(traceId, traceparent.substring(3, 35), "the intent's trace: " + traceparent);
            assertNotEquals(senderSpan, traceparent.substring(36, 52), "sent from a span of the service");
            published.add(traceparent.substring(36, 52));
        }
        // the spans, as the service wrote them: process (child of the sender), publish (the events' parents)
        java.nio.file.Path file = java.nio.file.Path.of("target", "spans.jsonl");
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<com.fasterxml.jackson.databind.JsonNode> spans = List.of();
        while (System.nanoTime() < deadline) {
            spans = TraceFiles.spans(file, traceId);
            if (spans.stream().map(n -> n.get("spanId").asText()).collect(java.util.stream.Collectors.toSet()).containsAll(published)) {
                break;
            }
            Thread.sleep(100);
        }
        com.fasterxml.jackson.databind.JsonNode process = spans.stream().filter(n -> senderSpan.equals(n.path("parentSpanId").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no span of the service is the sender's child: " + file));
        assertEquals("CONSUMER", process.get("kind").asText());
        assertEquals("process " + type.name(), process.get("name").asText());
        assertEquals(domain(), process.get("service").asText());
        assertEquals(metadata.id(), process.path("attributes").path("messaging.message.id").asText());
        java.util.Set<String> ids = spans.stream().map(n -> n.get("spanId").asText()).collect(java.util.stream.Collectors.toSet());
        assertTrue(ids.containsAll(published), "the events' spans are written: " + published + " in " + ids);
        for (com.fasterxml.jackson.databind.JsonNode span : spans) {
            String parent = span.path("parentSpanId").asText();
            assertTrue(senderSpan.equals(parent) || ids.contains(parent), "every span leads back to the sender: " + span);
        }
    }

    @Test
    void shouldDeadLetterMalformedRecordAndPublishIntentRejected() {
        String ceId = UUID.randomUUID().toString();
        MessageType type = MessageCatalog.of(newIntent().getClass());
        byte[] garbage = "{\"broken\": ".getBytes(StandardCharsets.UTF_8);
        bus.publishRaw(intentsTopic(), "broken-" + ceId, envelope(ceId, type.ceType()), garbage);

        ConsumerRecord<String, byte[]> dead = bus.await(Topics.dlq(intentsTopic()),
                r -> ceId.equals(header(r, CloudEventHeaders.ID)), WAIT);
        assertTrue(header(dead, CloudEventHeaders.DLQ_REASON).startsWith("MALFORMED_JSON"),
                header(dead, CloudEventHeaders.DLQ_REASON));
        assertEquals(intentsTopic(), header(dead, CloudEventHeaders.DLQ_TOPIC));
        assertEquals(new String(garbage, StandardCharsets.UTF_8), new String(dead.value(), StandardCharsets.UTF_8),
                "the DLQ keeps the original bytes");

        IntentRejected rejected = rejectionOf(ceId);
        assertEquals(ceId, rejected.intentId());
        assertTrue(rejected.reason().startsWith("MALFORMED_JSON"), rejected.reason());
    }

    @Test
    void shouldRejectIntentThatBreaksItsSchemaNamingTheViolations() {
        String ceId = UUID.randomUUID().toString();
        MessageType type = MessageCatalog.of(newIntent().getClass());
        bus.publishRaw(intentsTopic(), "empty-" + ceId, envelope(ceId, type.ceType()), "{}".getBytes(StandardCharsets.UTF_8));

        IntentRejected rejected = rejectionOf(ceId);
        assertTrue(rejected.reason().startsWith("SCHEMA_VIOLATION"), rejected.reason());
        assertTrue(rejected.violations().stream().anyMatch(v -> v.contains("required")), rejected.violations().toString());
        bus.await(Topics.dlq(intentsTopic()), r -> ceId.equals(header(r, CloudEventHeaders.ID)), WAIT);
    }

    @Test
    void shouldRejectRecordWithoutCloudEventsHeadersUsingItsKey() {
        String key = "no-envelope-" + UUID.randomUUID();
        bus.publishRaw(intentsTopic(), key, Map.of(), "{}".getBytes(StandardCharsets.UTF_8));

        IntentRejected rejected = rejectionOf(key);
        assertTrue(rejected.reason().startsWith("INVALID_ENVELOPE"), rejected.reason());
        bus.await(Topics.dlq(intentsTopic()), r -> key.equals(r.key()), WAIT);
    }

    @Test
    void shouldRejectUnknownMessageType() {
        String ceId = UUID.randomUUID().toString();
        bus.publishRaw(intentsTopic(), "unknown-" + ceId, envelope(ceId, "io.skybridge." + domain() + ".NoSuchThing.v1"),
                "{}".getBytes(StandardCharsets.UTF_8));

        IntentRejected rejected = rejectionOf(ceId);
        assertTrue(rejected.reason().startsWith("UNKNOWN_TYPE"), rejected.reason());
    }

    @Test
    void shouldApplyTheSameIntentOnlyOnceWhenDeliveredTwice() throws Exception {
        SkybridgeMessage intent = newIntent();
        EventMetadata metadata = bus.publish(intent, "user:carol");
        bus.publish(intentsTopic(), intent, metadata); // a redelivery: same ce_id
        // a third record on the same key lands on the same partition after both copies: once its
        // outcome is out, the duplicate has been consumed too
        EventMetadata fence = bus.publish(intent, "user:carol");
        outcomeOf(fence);

        List<ConsumerRecord<String, byte[]>> outcome = bus.collect(eventsTopic(),
                r -> metadata.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), Duration.ofMillis(500));
        List<String> types = outcome.stream().map(r -> header(r, CloudEventHeaders.TYPE)).toList();
        assertEquals(types.stream().distinct().toList(), types, "each outcome event once, not twice: " + types);
        assertEquals(1, inboxRows(metadata.id()), "one inbox row for the intent");
    }

    @Test
    void shouldPublishOutboxRowsThatACrashLeftUnsent() throws Exception {
        // a row committed by a transaction whose process died before the relay ran
        String eventId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>(envelope(eventId, "io.skybridge." + domain() + ".IntentAccepted.v1"));
        headers.put(CloudEventHeaders.SUBJECT, "crash-" + eventId);
        byte[] body = ("{\"intentId\":\"" + eventId + "\",\"intentType\":\"x\",\"targetId\":\"crash-" + eventId + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("insert into " + domain()
                + ".outbox_message (event_id, topic, message_key, headers, payload, created_at) values (?,?,?,?,?,?)")) {
            ps.setString(1, eventId);
            ps.setString(2, eventsTopic());
            ps.setString(3, "crash-" + eventId);
            ps.setString(4, ContractJson.mapper().writeValueAsString(headers));
            ps.setBytes(5, body);
            ps.setObject(6, java.sql.Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
        ConsumerRecord<String, byte[]> published = bus.await(eventsTopic(),
                r -> eventId.equals(header(r, CloudEventHeaders.ID)), WAIT);
        assertEquals("crash-" + eventId, published.key());
    }

    @Test
    void shouldCapTheViolationsOfAnIntentWithThousandsOfThem() {
        String ceId = UUID.randomUUID().toString();
        MessageType type = MessageCatalog.of(newIntent().getClass());
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 3000; i++) { // 3,000 unknown properties: intents close additionalProperties
            json.append(i == 0 ? "" : ",").append("\"unknown").append(i).append("\":").append(i);
        }
        json.append('}');
        bus.publishRaw(intentsTopic(), "many-" + ceId, envelope(ceId, type.ceType()),
                json.toString().getBytes(StandardCharsets.UTF_8));

        IntentRejected rejected = rejectionOf(ceId);
        assertTrue(rejected.reason().startsWith("SCHEMA_VIOLATION"), rejected.reason());
        assertTrue(rejected.violations().size() <= 21, "at most 20 violations and a count: " + rejected.violations().size());
        assertTrue(rejected.violations().get(rejected.violations().size() - 1).contains("in all"),
                "the last line counts them all: " + rejected.violations());
        assertTrue(rejected.violations().stream().allMatch(v -> v.length() <= 300), "each violation bounded");
        assertTrue(rejected.reason().length() <= 400, "the reason is bounded: " + rejected.reason().length());
        ConsumerRecord<String, byte[]> dead = bus.await(Topics.dlq(intentsTopic()),
                r -> ceId.equals(header(r, CloudEventHeaders.ID)), WAIT);
        for (org.apache.kafka.common.header.Header h : dead.headers()) {
            assertTrue(h.value() == null || h.value().length <= 1024, "dead-letter header " + h.key() + " bounded");
        }
    }

    @Test
    void shouldRefuseARecordWithTooManyHeadersAndKeepItsDeadLetterBounded() throws Exception {
        String ceId = UUID.randomUUID().toString();
        MessageType type = MessageCatalog.of(newIntent().getClass());
        Map<String, String> headers = new LinkedHashMap<>(envelope(ceId, type.ceType()));
        for (int i = 0; i < 40; i++) {
            headers.put("x-padding-" + i, "v".repeat(2000));
        }
        bus.publishRaw(intentsTopic(), "headers-" + ceId, headers, "{}".getBytes(StandardCharsets.UTF_8));

        IntentRejected rejected = rejectionOf(ceId);
        assertTrue(rejected.reason().startsWith("INVALID_ENVELOPE"), rejected.reason());
        assertTrue(rejected.reason().contains("headers exceed the limit"), rejected.reason());
        ConsumerRecord<String, byte[]> dead = bus.await(Topics.dlq(intentsTopic()),
                r -> ceId.equals(header(r, CloudEventHeaders.ID)), WAIT);
        int count = 0;
        for (org.apache.kafka.common.header.Header h : dead.headers()) {
            count++;
            assertTrue(h.value() == null || h.value().length <= 1024, "dead-letter header " + h.key() + " bounded");
        }
        assertTrue(count <= 40, "the dead letter copies a bounded number of headers: " + count);
        assertEquals(1, inboxRows(ceId), "the rejection is recorded once in the inbox");
    }

    @Test
    void shouldParkAnOutboxRowThatCanNeverBeSentAndKeepTheRelayMoving() throws Exception {
        String tooLarge = UUID.randomUUID().toString();
        String badHeaders = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>(envelope(tooLarge, "io.skybridge." + domain() + ".IntentAccepted.v1"));
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("insert into " + domain()
                + ".outbox_message (event_id, topic, message_key, headers, payload, created_at) values (?,?,?,?,?,?)")) {
            ps.setString(1, tooLarge); // larger than any broker takes
            ps.setString(2, eventsTopic());
            ps.setString(3, "poison-" + tooLarge);
            ps.setString(4, ContractJson.mapper().writeValueAsString(headers));
            ps.setBytes(5, new byte[1_200_000]);
            ps.setObject(6, java.sql.Timestamp.from(Instant.now()));
            ps.addBatch();
            ps.setString(1, badHeaders); // headers that are not JSON
            ps.setString(2, eventsTopic());
            ps.setString(3, "poison-" + badHeaders);
            ps.setString(4, "{not json");
            ps.setBytes(5, "{}".getBytes(StandardCharsets.UTF_8));
            ps.setObject(6, java.sql.Timestamp.from(Instant.now()));
            ps.addBatch();
            ps.executeBatch();
        }
        // rows committed after the poison ones still go out
        SkybridgeMessage intent = newIntent();
        EventMetadata metadata = bus.publish(intent, "user:alice");
        assertTrue(outcomeOf(metadata).stream().noneMatch(r -> header(r, CloudEventHeaders.TYPE).contains("IntentRejected")));

        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("select count(*) from " + domain()
                    + ".outbox_message where event_id in (?, ?) and parked_at is not null and attempts >= 5"
                    + " and last_error is not null")) {
                ps.setString(1, tooLarge);
                ps.setString(2, badHeaders);
                var rs = ps.executeQuery();
                rs.next();
                if (rs.getLong(1) == 2) {
                    break;
                }
            }
            assertTrue(Instant.now().isBefore(deadline), "both poison rows parked after 5 attempts within " + WAIT);
            Thread.sleep(200);
        }
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("skybridge_outbox_parked_total"));
        SkybridgeMessage after = newIntent();
        EventMetadata later = bus.publish(after, "user:alice");
        assertTrue(outcomeOf(later).stream().anyMatch(r -> later.id().equals(header(r, CloudEventHeaders.CAUSATION_ID))),
                "the relay keeps moving once the rows are parked");
    }

    /**
     * Intents are consumed a poll batch per transaction: a burst that arrives in one poll (published while the
     * channel's consumer is paused) with intents the handler refuses and a malformed record among valid ones is
     * answered once per intent — the refused ones rolled back to a savepoint and rejected inside the batch's
     * transaction, the others applied together, no batch rolled back or processed record by record.
     */
    @Test
    void shouldAnswerEveryIntentOfABurstOnceWhenItsHandlerRefusesSomeOfThem() throws Exception {
        String channel = domain() + "-intents";
        double split = batches(channel, "split");
        double committed = batches(channel, "committed");
        double refusalsInBatch = inBatchRefusals(channel);
        List<EventMetadata> applied = new java.util.ArrayList<>();
        List<EventMetadata> refused = new java.util.ArrayList<>();
        String malformed = UUID.randomUUID().toString();
        var consumer = io.quarkus.arc.Arc.container().instance(io.smallrye.reactive.messaging.kafka.KafkaClientService.class)
                .get().getConsumer(channel);
        consumer.pause().await().atMost(WAIT);
        try {
            for (int i = 0; i < 9; i++) {
                SkybridgeMessage refusal = i % 3 == 1 ? refusedIntent() : null;
                if (refusal != null) {
                    refused.add(bus.publish(refusal, "user:dave"));
                } else {
                    applied.add(bus.publish(newIntent(), "user:dave"));
                }
                if (i == 4) {
                    bus.publishRaw(intentsTopic(), "broken-" + malformed, envelope(malformed,
                            MessageCatalog.of(newIntent().getClass()).ceType()), "{\"broken\": ".getBytes(StandardCharsets.UTF_8));
                }
            }
        } finally {
            consumer.resume().await().atMost(WAIT);
        }

        for (EventMetadata m : applied) {
            List<String> types = outcomeOf(m).stream().map(r -> header(r, CloudEventHeaders.TYPE)).toList();
            assertTrue(types.stream().noneMatch(t -> t.endsWith(".IntentRejected.v1")), m.id() + " was applied: " + types);
            assertEquals(types.stream().distinct().toList(), types, "each outcome event once: " + types);
            assertEquals(1, inboxRows(m.id()), "one inbox row for " + m.id());
        }
        for (EventMetadata m : refused) {
            List<String> types = outcomeOf(m).stream().map(r -> header(r, CloudEventHeaders.TYPE)).toList();
            assertEquals(1, types.size(), "a refused intent has one answer: " + types);
            assertTrue(types.get(0).endsWith(".IntentRejected.v1"), types.toString());
            assertEquals(1, inboxRows(m.id()), "one inbox row for " + m.id());
        }
        assertTrue(rejectionOf(malformed).reason().startsWith("MALFORMED_JSON"));
        assertEquals(split, batches(channel, "split"), "no batch was processed record by record");
        assertTrue(batches(channel, "committed") > committed, "the burst's intents committed in batches");
        if (!refused.isEmpty()) {
            assertTrue(inBatchRefusals(channel) > refusalsInBatch, "refused inside the batch's transaction");
        }
    }

    /** {@code skybridge_inbound_batches_total{consumer, outcome}} as the service exposes it (0 before the first). */
    private static double batches(String consumer, String outcome) {
        return ServiceMetrics.sum("skybridge_inbound_batches_total", "consumer=\"" + consumer + "\"", "outcome=\"" + outcome + "\"");
    }

    /** {@code skybridge_inbound_batch_refusals_total{consumer}}: records refused inside a batch's transaction. */
    private static double inBatchRefusals(String consumer) {
        return ServiceMetrics.sum("skybridge_inbound_batch_refusals_total", "consumer=\"" + consumer + "\"");
    }

    /**
     * Every metric the shipped dashboards and alerts ({@code deploy/monitoring}) query is exposed by this service, with
     * the lazily created series made to exist first: a dead letter, an application request.
     */
    @Test
    void shouldExposeEveryMetricTheDashboardsAndAlertsQuery() {
        String ceId = UUID.randomUUID().toString();
        bus.publishRaw(intentsTopic(), "metrics-" + ceId, envelope(ceId, MessageCatalog.of(newIntent().getClass()).ceType()),
                "not json".getBytes(StandardCharsets.UTF_8));
        bus.await(Topics.dlq(intentsTopic()), r -> ceId.equals(header(r, CloudEventHeaders.ID)), WAIT);
        io.restassured.RestAssured.given().get("/no-such-resource").then().statusCode(404);
        java.util.Set<String> wanted = MonitoredMetrics.forService(MonitoredMetrics.names(MonitoredMetrics.directory()), domain());
        assertTrue(wanted.contains("skybridge_outbox_lag_seconds_bucket") && wanted.size() > 8, wanted.toString());

        long deadline = System.nanoTime() + WAIT.toNanos(); // the relay counts the dead letter once the broker has it
        java.util.Set<String> missing = wanted;
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            missing = MonitoredMetrics.missing(wanted, io.restassured.RestAssured.given().get("/q/metrics").asString());
            if (!missing.isEmpty()) {
                sleepQuietly(200);
            }
        }
        assertEquals(java.util.Set.of(), missing, "metrics the dashboards or alerts query but " + domain() + " does not expose");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldReportReadyAndExposeMetricsAndOpenApi() {
        // readiness includes the database and the Kafka channels
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"));
        io.restassured.RestAssured.given().get("/q/health/live").then().statusCode(200);
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
        io.restassured.RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", org.hamcrest.Matchers.equalTo("Skybridge " + domain()));
    }

    protected IntentRejected rejectionOf(String intentId) {
        ConsumerRecord<String, byte[]> record = bus.await(eventsTopic(),
                r -> header(r, CloudEventHeaders.TYPE).endsWith(".IntentRejected.v1")
                        && intentId.equals(header(r, CloudEventHeaders.CAUSATION_ID)), WAIT);
        assertEquals(intentId, record.key(), "IntentRejected is keyed by the rejected intent's id");
        return payload(record, IntentRejected.class);
    }

    protected static Map<String, String> envelope(String ceId, String ceType) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        h.put(CloudEventHeaders.ID, ceId);
        h.put(CloudEventHeaders.TYPE, ceType);
        h.put(CloudEventHeaders.SOURCE, "skybridge://test");
        h.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return h;
    }

    protected long inboxRows(String messageId) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from " + domain() + ".inbox_message where message_id = ?")) {
            ps.setString(1, messageId);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    protected static Connection connect() throws Exception {
        Postgres pg = Postgres.shared();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
    }
}

package io.skybridge.networking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.common.IntentAccepted;
import io.skybridge.contracts.common.IntentRejected;
import io.skybridge.contracts.networking.AwsVpcRef;
import io.skybridge.contracts.networking.GcpNetworkRef;
import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.testing.SkybridgeInfrastructure;
import io.skybridge.testing.TestBus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.skybridge.testing.TestBus.header;
import static io.skybridge.testing.TestBus.payload;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path a user takes: a JSON intent sent with a plain KafkaProducer crosses a real broker into
 * the networking service, lands in PostgreSQL, and its status event comes back out through the
 * outbox to a plain KafkaConsumer.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeInfrastructure.class)
class NetworkLinkIntentFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestBus bus;

    @BeforeAll
    static void connect() {
        bus = TestBus.onSharedBroker();
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static NetworkLinkRequested link(String id, String awsCidr, String gcpCidr) {
        String suffix = id.substring(id.length() - 12);
        return new NetworkLinkRequested(id,
                new AwsVpcRef("123456789012", "us-east-1", "vpc-" + suffix, awsCidr),
                new GcpNetworkRef("skybridge-demo", "us-central1", "net-" + suffix, gcpCidr), "HA");
    }

    @Test
    void shouldPersistLinkIntentAndPublishAcceptanceThroughOutbox() {
        String linkId = "link-" + newId();
        EventMetadata intent = bus.publish(link(linkId, "10.10.0.0/16", "10.11.0.0/16"), "user:alice");

        ConsumerRecord<String, byte[]> accepted = bus.await(Topics.NETWORKING_EVENTS,
                r -> intent.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), WAIT);

        assertEquals(MessageCatalog.of(IntentAccepted.class, Topics.NETWORKING).ceType(),
                header(accepted, CloudEventHeaders.TYPE));
        assertEquals(linkId, accepted.key());
        assertEquals(intent.id(), header(accepted, CloudEventHeaders.CORRELATION_ID));
        assertEquals("user:alice", header(accepted, CloudEventHeaders.PRINCIPAL));
        assertEquals("skybridge://networking", header(accepted, CloudEventHeaders.SOURCE));
        assertEquals(intent.id(), payload(accepted, IntentAccepted.class).intentId());

        given().get("/links/{id}", linkId).then().statusCode(200)
                .body("phase", equalTo("REQUESTED"))
                .body("awsCidr", equalTo("10.10.0.0/16"))
                .body("requestedBy", equalTo("user:alice"));
    }

    @Test
    void shouldRejectOverlappingCidrs() {
        String linkId = "link-" + newId();
        EventMetadata intent = bus.publish(link(linkId, "10.20.0.0/16", "10.20.128.0/17"), "user:bob");

        ConsumerRecord<String, byte[]> rejected = bus.await(Topics.NETWORKING_EVENTS,
                r -> intent.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), WAIT);

        assertEquals(MessageCatalog.of(IntentRejected.class, Topics.NETWORKING).ceType(),
                header(rejected, CloudEventHeaders.TYPE));
        IntentRejected body = payload(rejected, IntentRejected.class);
        assertEquals(intent.id(), body.intentId());
        assertTrue(body.reason().startsWith("POLICY_VIOLATION"), body.reason());
        assertTrue(body.violations().stream().anyMatch(v -> v.contains("10.20.0.0/16") && v.contains("10.20.128.0/17")),
                body.violations().toString());
        given().get("/links/{id}", linkId).then().statusCode(404);
    }

    @Test
    void shouldDeadLetterMalformedRecordAndPublishIntentRejected() {
        String ceId = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of(
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.ID, ceId,
                CloudEventHeaders.TYPE, "io.skybridge.networking.NetworkLinkRequested.v1",
                CloudEventHeaders.SOURCE, "skybridge://test");
        bus.publishRaw(Topics.NETWORKING_INTENTS, "broken", headers, "{\"linkId\": ".getBytes(StandardCharsets.UTF_8));

        ConsumerRecord<String, byte[]> dead = bus.await(Topics.dlq(Topics.NETWORKING_INTENTS),
                r -> ceId.equals(header(r, CloudEventHeaders.ID)), WAIT);
        assertTrue(header(dead, CloudEventHeaders.DLQ_REASON).startsWith("MALFORMED_JSON"),
                header(dead, CloudEventHeaders.DLQ_REASON));
        assertEquals("{\"linkId\": ", new String(dead.value(), StandardCharsets.UTF_8));

        ConsumerRecord<String, byte[]> rejected = bus.await(Topics.NETWORKING_EVENTS,
                r -> ceId.equals(header(r, CloudEventHeaders.CAUSATION_ID)), WAIT);
        IntentRejected body = payload(rejected, IntentRejected.class);
        assertEquals(ceId, body.intentId());
        assertTrue(body.reason().startsWith("MALFORMED_JSON"), body.reason());
    }

    @Test
    void shouldRejectIntentThatViolatesItsSchemaWithViolations() {
        String ceId = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of(
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.ID, ceId,
                CloudEventHeaders.TYPE, "io.skybridge.networking.NetworkLinkRequested.v1",
                CloudEventHeaders.SOURCE, "skybridge://test");
        bus.publishRaw(Topics.NETWORKING_INTENTS, "half", headers,
                "{\"linkId\":\"half\",\"mode\":\"HA\"}".getBytes(StandardCharsets.UTF_8));

        ConsumerRecord<String, byte[]> rejected = bus.await(Topics.NETWORKING_EVENTS,
                r -> ceId.equals(header(r, CloudEventHeaders.CAUSATION_ID)), WAIT);
        IntentRejected body = payload(rejected, IntentRejected.class);
        assertTrue(body.reason().startsWith("SCHEMA_VIOLATION"), body.reason());
        assertTrue(body.violations().stream().anyMatch(v -> v.contains("aws")), body.violations().toString());
        bus.await(Topics.dlq(Topics.NETWORKING_INTENTS), r -> ceId.equals(header(r, CloudEventHeaders.ID)), WAIT);
    }

    @Test
    void shouldApplyTheSameIntentOnlyOnceWhenDeliveredTwice() {
        String linkId = "link-" + newId();
        NetworkLinkRequested request = link(linkId, "10.30.0.0/16", "10.31.0.0/16");
        EventMetadata intent = bus.publish(request, "user:carol");
        bus.publish(Topics.NETWORKING_INTENTS, request, intent); // redelivery: same ce_id

        bus.await(Topics.NETWORKING_EVENTS, r -> intent.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), WAIT);
        // a third record on the same key (same partition, so processed after the duplicate): a new
        // intent for the same link, refused because the link exists. Once its outcome is out, the
        // duplicate has been consumed too.
        EventMetadata again = bus.publish(request, "user:carol");
        ConsumerRecord<String, byte[]> refusal = bus.await(Topics.NETWORKING_EVENTS,
                r -> again.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), WAIT);
        assertTrue(payload(refusal, IntentRejected.class).reason().contains("already exists"));

        var outcomes = bus.collect(Topics.NETWORKING_EVENTS,
                r -> intent.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), Duration.ofSeconds(1));
        assertEquals(1, outcomes.size(), "one outcome for one intent, whatever the deliveries");
        assertEquals(MessageCatalog.of(IntentAccepted.class, Topics.NETWORKING).ceType(),
                header(outcomes.get(0), CloudEventHeaders.TYPE));
    }
}

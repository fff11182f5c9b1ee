package io.skybridge.networking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.common.IntentAccepted;
import io.skybridge.contracts.common.IntentRejected;
import io.skybridge.contracts.networking.AwsVpcRef;
import io.skybridge.contracts.networking.GcpNetworkRef;
import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.testing.IntentPipelineContract;
import io.skybridge.testing.SkybridgeWithClouds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
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
@QuarkusTestResource(SkybridgeWithClouds.class)
class NetworkLinkIntentFlowTest extends IntentPipelineContract {
    private static final AtomicInteger NEXT_RANGE = new AtomicInteger(40);

    @Override
    protected String domain() {
        return Topics.NETWORKING;
    }

    @Override
    protected SkybridgeMessage newIntent() {
        int n = NEXT_RANGE.getAndAdd(2);
        return link("link-" + newId(), "10." + n + ".0.0/16", "10." + (n + 1) + ".0.0/16");
    }

    @Override
    protected SkybridgeMessage refusedIntent() {
        return link("link-" + newId(), "10.20.0.0/16", "10.20.128.0/17"); // the two sides overlap
    }

    @Override
    protected void assertApplied(SkybridgeMessage intent, EventMetadata metadata,
                                 List<ConsumerRecord<String, byte[]>> outcome) {
        NetworkLinkRequested request = (NetworkLinkRequested) intent;
        // the intent's first answer; the saga's events (this test's networks do not exist in the
        // emulator, so NetworkLinkFailed) follow in the same story
        IntentAccepted accepted = payload(outcome.get(0), IntentAccepted.class);
        assertEquals(metadata.id(), accepted.intentId());
        assertEquals(request.linkId(), accepted.targetId());
        given().get("/links/{id}", request.linkId()).then().statusCode(200)
                .body("phase", org.hamcrest.Matchers.notNullValue())
                .body("tunnels.size()", equalTo(4))
                .body("awsCidr", equalTo(request.aws().cidr()))
                .body("requestedBy", equalTo("user:alice"));
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
    void shouldRejectOverlappingCidrs() {
        String linkId = "link-" + newId();
        EventMetadata intent = bus.publish(link(linkId, "10.20.0.0/16", "10.20.128.0/17"), "user:bob");

        IntentRejected body = rejectionOf(intent.id());
        assertTrue(body.reason().startsWith("POLICY_VIOLATION"), body.reason());
        assertTrue(body.violations().stream().anyMatch(v -> v.contains("10.20.0.0/16") && v.contains("10.20.128.0/17")),
                body.violations().toString());
        given().get("/links/{id}", linkId).then().statusCode(404);
    }

    @Test
    void shouldAcceptALinkRequestOverRestAsTheSameIntent() {
        String linkId = "link-" + newId();
        String body = "{\"linkId\":\"" + linkId + "\",\"mode\":\"BASIC\","
                + "\"aws\":{\"accountId\":\"123456789012\",\"region\":\"us-east-1\",\"vpcId\":\"vpc-0a1b2c3d4e5f6aaaa\",\"cidr\":\"10.60.0.0/16\"},"
                + "\"gcp\":{\"project\":\"skybridge-demo\",\"region\":\"us-central1\",\"network\":\"net-rest\",\"cidr\":\"10.61.0.0/16\"}}";
        String intentId = given().contentType("application/json").header("X-Skybridge-Principal", "user:rest")
                .body(body).post("/links").then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.endsWith("/links/" + linkId))
                .extract().path("intentId");

        ConsumerRecord<String, byte[]> accepted = bus.await(Topics.NETWORKING_EVENTS,
                r -> intentId.equals(io.skybridge.testing.TestBus.header(r, io.skybridge.contracts.CloudEventHeaders.CAUSATION_ID)), WAIT);
        assertEquals("user:rest", io.skybridge.testing.TestBus.header(accepted, io.skybridge.contracts.CloudEventHeaders.PRINCIPAL));
        given().get("/links/{id}", linkId).then().statusCode(200).body("mode", equalTo("BASIC"))
                .body("tunnels.size()", equalTo(2));
    }

    @Test
    void shouldAnswerAnInvalidRestRequestWithAProblemListingTheViolations() {
        given().contentType("application/json").body("{\"linkId\":\"Bad Id\",\"mode\":\"TRIPLE\"}")
                .post("/links").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
    }
}

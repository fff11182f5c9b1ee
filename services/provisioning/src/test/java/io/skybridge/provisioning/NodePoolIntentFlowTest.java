package io.skybridge.provisioning;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.common.IntentAccepted;
import io.skybridge.contracts.common.IntentRejected;
import io.skybridge.contracts.common.Taint;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import io.skybridge.testing.IntentPipelineContract;
import io.skybridge.testing.SkybridgeWithClouds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.skybridge.testing.TestBus.payload;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class NodePoolIntentFlowTest extends IntentPipelineContract {

    @Override
    protected String domain() {
        return Topics.PROVISIONING;
    }

    @Override
    protected SkybridgeMessage newIntent() {
        return pool("pool-" + UUID.randomUUID().toString().substring(0, 8), 3);
    }

    private static NodePoolScaleRequested pool(String id, int desired) {
        return new NodePoolScaleRequested(id, "gcp", "us-central1", List.of("us-central1-a", "us-central1-b"),
                "e2-standard-4", List.of("n2-standard-4"), "projects/skybridge-demo/global/images/node-1-31",
                Map.of("skybridge.io/pool", id), List.of(new Taint("dedicated", "batch", "NoSchedule")), 0, 10, desired);
    }

    @Override
    protected void assertApplied(SkybridgeMessage intent, EventMetadata metadata,
                                 List<ConsumerRecord<String, byte[]>> outcome) {
        NodePoolScaleRequested request = (NodePoolScaleRequested) intent;
        IntentAccepted accepted = payload(outcome.get(0), IntentAccepted.class);
        assertEquals(request.poolId(), accepted.targetId());
        given().get("/pools/{id}", request.poolId()).then().statusCode(200)
                .body("cloud", equalTo("gcp"))
                .body("desired", equalTo(request.desired()))
                .body("requestedBy", equalTo("user:alice"));
    }

    @Test
    void shouldResizeAnExistingPool() {
        NodePoolScaleRequested first = pool("pool-" + UUID.randomUUID().toString().substring(0, 8), 2);
        outcomeOf(bus.publish(first, "user:dan"));
        outcomeOf(bus.publish(pool(first.poolId(), 7), "user:dan"));

        given().get("/pools/{id}", first.poolId()).then().statusCode(200).body("desired", equalTo(7));
    }

    @Test
    void shouldRejectDesiredSizeOutsideMinAndMax() {
        NodePoolScaleRequested bad = new NodePoolScaleRequested("pool-" + UUID.randomUUID().toString().substring(0, 8),
                "aws", "us-east-1", List.of("us-east-1a"), "m5.large", List.of(), "ami-0123456789abcdef0",
                Map.of(), List.of(), 3, 5, 2);
        EventMetadata intent = bus.publish(bad, "user:erin");

        IntentRejected rejected = rejectionOf(intent.id());
        assertTrue(rejected.violations().stream().anyMatch(v -> v.contains("outside [3, 5]")), rejected.violations().toString());
        given().get("/pools/{id}", bad.poolId()).then().statusCode(404);
    }
}

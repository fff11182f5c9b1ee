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

    @Override
    protected SkybridgeMessage refusedIntent() {
        return pool("pool-" + UUID.randomUUID().toString().substring(0, 8), 12); // desired above max 10
    }

    private static NodePoolScaleRequested pool(String id, int desired) {
        return new NodePoolScaleRequested(id, "gcp", "us-central1", List.of("us-central1-a", "us-central1-b"),
                "e2-standard-4", List.of("n2-standard-4"), "projects/debian-cloud/global/images/family/debian-12",
                Map.of("team", "web"), List.of(new Taint("dedicated", "batch", "NoSchedule")), 0, 10, desired);
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

    private IntentRejected refused(NodePoolScaleRequested bad) {
        EventMetadata intent = bus.publish(bad, "user:mallory");
        IntentRejected rejected = rejectionOf(intent.id());
        assertTrue(rejected.reason().startsWith("POLICY_VIOLATION"), rejected.reason());
        given().get("/pools/{id}", bad.poolId()).then().statusCode(404);
        return rejected;
    }

    private static String newId() {
        return "pool-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldRefuseAnImageOffTheAllowListAndAMachineTypeOfTheWrongForm() {
        IntentRejected gcp = refused(new NodePoolScaleRequested(newId(), "gcp", "us-central1", List.of("us-central1-a"),
                "m5.large", List.of("e2-standard-4"), "projects/attacker-images/global/images/backdoor", Map.of(), List.of(),
                0, 3, 1));
        assertTrue(gcp.violations().stream().anyMatch(v -> v.startsWith("image-allow-list:") && v.contains("attacker-images")),
                gcp.violations().toString());
        assertTrue(gcp.violations().stream().anyMatch(v -> v.startsWith("machine-type-pattern: machineType 'm5.large'")),
                gcp.violations().toString());

        IntentRejected aws = refused(new NodePoolScaleRequested(newId(), "aws", "us-east-1", List.of("us-east-1a"),
                "m5.large", List.of("e2-standard-4"), "ami-0badc0ffee0badc0f", Map.of(), List.of(), 0, 3, 1));
        assertTrue(aws.violations().stream().anyMatch(v -> v.startsWith("image-allow-list: image ami-0badc0ffee0badc0f")),
                aws.violations().toString());
        assertTrue(aws.violations().stream().anyMatch(v -> v.contains("fallbackMachineTypes[0] 'e2-standard-4'")),
                aws.violations().toString());
    }

    @Test
    void shouldRefuseReservedLabelAndTaintKeys() {
        IntentRejected rejected = refused(new NodePoolScaleRequested(newId(), "gcp", "us-central1", List.of("us-central1-a"),
                "e2-standard-4", List.of(), null,
                Map.of("skybridge.io/cloud", "aws", "node-role.kubernetes.io/control-plane", "", "team", "web"),
                List.of(new Taint("node.k8s.io/special", "x", "NoSchedule")), 0, 3, 1));
        List<String> reserved = rejected.violations().stream().filter(v -> v.startsWith("reserved-key:")).toList();
        assertEquals(3, reserved.size(), rejected.violations().toString());
        assertTrue(reserved.stream().anyMatch(v -> v.contains("skybridge.io/cloud")), reserved.toString());
        assertTrue(reserved.stream().anyMatch(v -> v.contains("node-role.kubernetes.io/control-plane")), reserved.toString());
        assertTrue(reserved.stream().anyMatch(v -> v.contains("node.k8s.io/special")), reserved.toString());
    }

    @Test
    void shouldRefuseAPoolWhoseJoinConfigurationWouldNotFitEc2UserData() {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 32; i++) { // within the schema's bounds, but together too large for 16 KB of user data
            labels.put("team" + i + "." + "d".repeat(60) + "." + "e".repeat(60) + ".example.com/" + "k".repeat(60),
                    "v".repeat(63));
        }
        IntentRejected rejected = refused(new NodePoolScaleRequested(newId(), "aws", "us-east-1", List.of("us-east-1a"),
                "m5.large", List.of(), null, labels, List.of(), 0, 100, 1));
        assertTrue(rejected.violations().stream().anyMatch(v -> v.startsWith("boot-data-size:") && v.contains("16384")),
                rejected.violations().toString());
    }

    @Test
    void shouldRefuseTheSamePoliciesOnTheRestPathAndABodyLargerThanARecord() {
        String id = newId();
        given().contentType("application/json").body(Map.of("poolId", id, "cloud", "aws", "region", "us-east-1",
                        "zones", List.of("us-east-1a"), "machineType", "m5.large", "image", "ami-0badc0ffee0badc0f",
                        "min", 0, "max", 3, "desired", 1))
                .put("/pools/{id}", id).then().statusCode(400)
                .body("violations[0]", org.hamcrest.Matchers.startsWith("image-allow-list:"));
        given().contentType("application/json").body("{\"poolId\":\"" + id + "\",\"pad\":\"" + "x".repeat(300_000) + "\"}")
                .put("/pools/{id}", id).then().statusCode(413)
                .body("title", equalTo("Request body too large"));
        given().get("/pools/{id}", id).then().statusCode(404);
    }
}

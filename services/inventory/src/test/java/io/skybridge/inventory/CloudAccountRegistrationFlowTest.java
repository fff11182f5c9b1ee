package io.skybridge.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.inventory.CloudAccountRegistered;
import io.skybridge.contracts.inventory.CloudAccountRegistrationRequested;
import io.skybridge.testing.IntentPipelineContract;
import io.skybridge.testing.SkybridgeWithClouds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static io.skybridge.testing.TestBus.payload;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class CloudAccountRegistrationFlowTest extends IntentPipelineContract {

    @Override
    protected String domain() {
        return Topics.INVENTORY;
    }

    @Override
    protected SkybridgeMessage newIntent() {
        String account = String.valueOf(100_000_000_000L + ThreadLocalRandom.current().nextLong(899_999_999_999L));
        return new CloudAccountRegistrationRequested("aws", account, "Production", List.of("us-east-1", "us-west-2"));
    }

    @Override
    protected void assertApplied(SkybridgeMessage intent, EventMetadata metadata,
                                 List<ConsumerRecord<String, byte[]>> outcome) {
        CloudAccountRegistrationRequested request = (CloudAccountRegistrationRequested) intent;
        CloudAccountRegistered registered = payload(outcome.get(0), CloudAccountRegistered.class);
        assertEquals("aws:" + request.accountId(), registered.cloudAccountId());
        assertEquals(request.regions(), registered.regions());
        given().get("/accounts/{id}", registered.cloudAccountId()).then().statusCode(200)
                .body("displayName", equalTo("Production"))
                .body("registeredBy", equalTo("user:alice"));
    }

    @Test
    void shouldReplaceTheRegionsOnReRegistration() {
        outcomeOf(bus.publish(new CloudAccountRegistrationRequested("gcp", "skybridge-demo", "Demo",
                List.of("us-central1")), "user:ops"));
        outcomeOf(bus.publish(new CloudAccountRegistrationRequested("gcp", "skybridge-demo", "Demo",
                List.of("us-central1", "europe-west1")), "user:ops"));

        given().get("/accounts/{id}", "gcp:skybridge-demo").then().statusCode(200)
                .body("regions", contains("us-central1", "europe-west1"));
    }
}

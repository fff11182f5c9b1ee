package io.skybridge.failover;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.common.IntentRejected;
import io.skybridge.contracts.failover.OutageClearanceRequested;
import io.skybridge.contracts.failover.OutageCleared;
import io.skybridge.contracts.failover.OutageDeclarationRequested;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.testing.IntentPipelineContract;
import io.skybridge.testing.SkybridgeWithClouds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static io.skybridge.testing.TestBus.payload;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class OutageDeclarationFlowTest extends IntentPipelineContract {
    private static final AtomicInteger REGION = new AtomicInteger(1);

    @Override
    protected String domain() {
        return Topics.FAILOVER;
    }

    /** Each call declares a different (test-only) region, so declarations do not collide. */
    @Override
    protected SkybridgeMessage newIntent() {
        return new OutageDeclarationRequested("gcp", "test-region-" + REGION.getAndIncrement(), "operator drill");
    }

    @Override
    protected SkybridgeMessage refusedIntent() {
        return new io.skybridge.contracts.failover.FailbackRequested("inc-" + java.util.UUID.randomUUID(), null,
                "no such incident");
    }

    @Override
    protected void assertApplied(SkybridgeMessage intent, EventMetadata metadata,
                                 List<ConsumerRecord<String, byte[]>> outcome) {
        OutageDeclarationRequested request = (OutageDeclarationRequested) intent;
        OutageDeclared declared = payload(outcome.get(0), OutageDeclared.class);
        assertEquals(request.cloud(), declared.cloud());
        assertEquals(request.region(), declared.region());
        assertTrue(declared.manual());
        assertEquals("user:alice", declared.declaredBy());
        assertTrue(declared.epoch() >= 1);
        given().get("/incidents/{id}", declared.incidentId()).then().statusCode(200)
                .body("state", equalTo("DECLARED"))
                .body("epoch", equalTo((int) declared.epoch()))
                .body("declaredBy", equalTo("user:alice"));
    }

    @Test
    void shouldGiveEveryDeclarationAHigherFencingEpochAndRefuseASecondOpenOne() {
        EventMetadata aws = bus.publish(new OutageDeclarationRequested("aws", null, "us-east-1 is dark"), "user:ops");
        OutageDeclared first = payload(outcomeOf(aws).get(0), OutageDeclared.class);
        EventMetadata region = bus.publish(new OutageDeclarationRequested("gcp", "europe-west1", "zone fire"), "user:ops");
        OutageDeclared second = payload(outcomeOf(region).get(0), OutageDeclared.class);
        assertTrue(second.epoch() > first.epoch(), first.epoch() + " then " + second.epoch());

        EventMetadata again = bus.publish(new OutageDeclarationRequested("aws", "us-east-1", "again"), "user:ops");
        IntentRejected rejected = rejectionOf(again.id());
        assertTrue(rejected.violations().get(0).contains(first.incidentId()), rejected.violations().toString());

        // an operator clears it: same incident, same epoch, recorded with the principal
        EventMetadata clear = bus.publish(new OutageClearanceRequested("aws", null, "provider confirmed recovery"), "user:ops");
        OutageCleared cleared = payload(outcomeOf(clear).get(0), OutageCleared.class);
        assertEquals(first.incidentId(), cleared.incidentId());
        assertEquals(first.epoch(), cleared.epoch());
        assertTrue(cleared.manual());
        assertEquals("user:ops", cleared.clearedBy());
        given().get("/incidents/{id}", first.incidentId()).then().statusCode(200).body("state", equalTo("CLEARED"));

        // clearing what is not declared is refused
        EventMetadata nothing = bus.publish(new OutageClearanceRequested("aws", null, "again"), "user:ops");
        assertTrue(rejectionOf(nothing.id()).reason().contains("no open incident"));
    }
}

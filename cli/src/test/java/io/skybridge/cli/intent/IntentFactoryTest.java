package io.skybridge.cli.intent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.common.IntentAccepted;
import io.skybridge.contracts.failover.OutageDeclarationRequested;
import io.skybridge.contracts.inventory.CloudAccountRegistrationRequested;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntentFactoryTest {

    @Test
    void headersAreTheCloudEventsAttributesTheServicesExpect() {
        ObjectNode payload = ContractJson.mapper().createObjectNode().put("cloud", "aws").put("reason", "status page");
        PreparedIntent intent = IntentFactory.prepare(MessageCatalog.of(OutageDeclarationRequested.class), payload, "user:alice");
        Headers headers = KafkaHeaders.of(intent.metadata());
        Map<String, String> h = KafkaHeaders.toMap(headers);

        assertEquals(List.of("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_subject", "ce_time",
                "ce_correlationid", "ce_causationid", "ce_principal", "content-type", "traceparent"), List.copyOf(h.keySet()));
        assertEquals("1.0", h.get("ce_specversion"));
        assertEquals(intent.id(), UUID.fromString(h.get("ce_id")).toString());
        assertEquals("io.skybridge.failover.OutageDeclarationRequested.v1", h.get("ce_type"));
        assertEquals("/skybridge/cli", h.get("ce_source"));
        assertEquals("aws", h.get("ce_subject"));
        assertEquals("aws", intent.key(), "the Kafka key is the aggregate id");
        assertTrue(Duration.between(Instant.parse(h.get("ce_time")), Instant.now()).abs().toSeconds() < 5);
        assertEquals(intent.id(), h.get("ce_correlationid"), "an intent starts its own story");
        assertEquals(intent.id(), h.get("ce_causationid"));
        assertEquals("user:alice", h.get("ce_principal"));
        assertEquals("application/json", h.get("content-type"));
        assertTrue(h.get("traceparent").matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$"), "the CLI starts a sampled trace: " + h.get("traceparent"));
        assertEquals("skybridge.failover.intents", intent.topic());
    }

    @Test
    void subjectFollowsTheContractsAggregateId() {
        ObjectNode payload = ContractJson.mapper().createObjectNode().put("cloud", "aws").put("accountId", "123456789012")
                .put("displayName", "prod");
        payload.putArray("regions").add("us-east-1");
        PreparedIntent intent = IntentFactory.prepare(MessageCatalog.of(CloudAccountRegistrationRequested.class), payload, "user:bob");
        assertEquals("aws:123456789012", intent.key());
        assertEquals("aws:123456789012", intent.metadata().subject());
    }

    @Test
    void schemaViolationsAreListedAndNothingIsPrepared() {
        ObjectNode payload = ContractJson.mapper().createObjectNode().put("cloud", "azure").put("colour", "blue");
        InvalidIntentException e = assertThrows(InvalidIntentException.class,
                () -> IntentFactory.prepare(MessageCatalog.of(OutageDeclarationRequested.class), payload, "user:alice"));
        assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
        assertTrue(e.violations().stream().anyMatch(v -> v.contains("cloud")), e.violations().toString());
        assertTrue(e.violations().stream().anyMatch(v -> v.contains("colour")), e.violations().toString());
        assertTrue(e.violations().stream().anyMatch(v -> v.contains("reason")), "the missing field is named: " + e.violations());
    }

    @Test
    void eventsCannotBePublishedAsIntents() {
        ObjectNode payload = ContractJson.mapper().createObjectNode().put("intentId", "x").put("intentType", "y").put("targetId", "z");
        assertThrows(IllegalArgumentException.class,
                () -> IntentFactory.prepare(MessageCatalog.of(IntentAccepted.class, "failover"), payload, "user:alice"));
    }

    @Test
    void intentNamesResolveByNameOrCeType() {
        assertEquals("NetworkLinkRequested", IntentTypes.resolve("networklinkrequested").name());
        assertEquals("FailoverDrillRequested", IntentTypes.resolve("io.skybridge.failover.FailoverDrillRequested.v1").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IntentTypes.resolve("NodeJoined"));
        assertTrue(e.getMessage().contains("NodePoolScaleRequested"), "lists the intents: " + e.getMessage());
    }

    @Test
    void producerWaitsForEveryReplicaAndIsIdempotent() {
        Map<String, Object> c = IntentSender.config("localhost:1");
        assertEquals("all", c.get("acks"));
        assertEquals(true, c.get("enable.idempotence"));
    }
}

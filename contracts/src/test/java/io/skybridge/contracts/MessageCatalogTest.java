package io.skybridge.contracts;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageCatalogTest {

    static Stream<Named<MessageType>> catalogue() {
        return ContractFiles.catalogue();
    }

    @Test
    void shouldRegisterEveryCompiledMessageRecordInTheCatalogue() {
        Set<Class<?>> registered = MessageCatalog.all().stream().map(MessageType::javaType).collect(Collectors.toSet());
        List<Class<?>> compiled = ContractFiles.compiledMessageRecords();
        assertTrue(compiled.size() >= 39, "expected the full catalogue of records, found " + compiled);
        List<String> missing = compiled.stream().filter(c -> !registered.contains(c)).map(Class::getName).toList();
        assertEquals(List.of(), missing, "records implementing SkybridgeMessage but absent from MessageCatalog");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldHaveASchemaFileAtTheSchemaPath(MessageType type) {
        assertTrue(Files.isRegularFile(ContractFiles.moduleDir().resolve(type.schemaPath())),
                "no schema file " + type.schemaPath());
        assertEquals(type.name(), ContractFiles.readJson(ContractFiles.moduleDir().resolve(type.schemaPath()))
                .path("title").asText());
    }

    @Test
    void shouldGiveEveryMessageAUniqueCeType() {
        Set<String> seen = new HashSet<>();
        MessageCatalog.all().forEach(t -> assertTrue(seen.add(t.ceType()), "duplicate ce_type " + t.ceType()));
        MessageCatalog.all().forEach(t -> assertEquals(t, MessageCatalog.byCeType(t.ceType()).orElseThrow()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldRouteIntentsToIntentsTopicsAndEventsToEventsTopics(MessageType type) {
        assertTrue(Topics.all().contains(type.topic()), type.topic() + " is not in the topic catalogue");
        assertEquals(type.kind() == MessageKind.INTENT, Topics.isIntentsTopic(type.topic()));
        assertEquals(type.kind() == MessageKind.INTENT, type.name().endsWith("Requested"),
                "intents, and only intents, are named …Requested: " + type.name());
        assertTrue(type.ceType().matches("io\\.skybridge\\.[a-z]+\\.[A-Z][A-Za-z]+\\.v[0-9]+"), type.ceType());
    }

    @Test
    void shouldPublishCloudHealthObservedOnTheHealthObservationsTopic() {
        MessageType type = MessageCatalog.of(io.skybridge.contracts.health.CloudHealthObserved.class);
        assertEquals("health", type.domain());
        assertEquals(Topics.HEALTH_OBSERVATIONS, type.topic());
        assertEquals("io.skybridge.health.CloudHealthObserved.v1", type.ceType());
    }

    @Test
    void shouldHaveIntentAcceptedAndRejectedOncePerServiceDomain() {
        for (String domain : Topics.SERVICE_DOMAINS) {
            assertEquals(Topics.events(domain),
                    MessageCatalog.of(io.skybridge.contracts.common.IntentRejected.class, domain).topic());
            assertEquals(Topics.events(domain),
                    MessageCatalog.of(io.skybridge.contracts.common.IntentAccepted.class, domain).topic());
        }
    }

    @Test
    void shouldCarryIncidentIdAndEpochOnEveryFailoverEvent() {
        List<MessageType> failoverEvents = MessageCatalog.onTopic(Topics.FAILOVER_EVENTS).stream()
                .filter(t -> !t.name().startsWith("Intent"))
                .toList();
        assertEquals(8, failoverEvents.size(), failoverEvents.toString());
        for (MessageType type : failoverEvents) {
            Set<String> components = Arrays.stream(type.javaType().getRecordComponents())
                    .map(RecordComponent::getName).collect(Collectors.toSet());
            assertTrue(components.containsAll(Set.of("incidentId", "epoch")), type.name() + " lacks incidentId/epoch");
        }
    }
}

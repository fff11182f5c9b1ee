package io.skybridge.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsyncApiDocumentTest {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static Stream<Named<MessageType>> catalogue() {
        return ContractFiles.catalogue();
    }

    private static JsonNode doc() {
        return ContractFiles.asyncApi();
    }

    @Test
    void shouldBeAnAsyncApi3DocumentOverKafka() {
        assertEquals("3.0.0", doc().path("asyncapi").asText());
        assertEquals("application/json", doc().path("defaultContentType").asText());
        assertEquals("kafka", doc().path("servers").path("local").path("protocol").asText());
    }

    @Test
    void shouldDescribeEveryTopicOfTheCatalogueIncludingDeadLetterTopics() {
        Set<String> addresses = new HashSet<>();
        doc().path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        assertEquals(new HashSet<>(Topics.all()), addresses);
        assertEquals(18, addresses.size());
    }

    @Test
    void shouldReferenceEverySchemaFile() {
        Set<String> referenced = new HashSet<>();
        doc().path("components").path("messages")
                .forEach(m -> referenced.add(m.path("payload").path("$ref").asText().replaceFirst("^\\./", "")));
        Path dir = ContractFiles.moduleDir();
        for (Path file : ContractFiles.jsonFilesUnder(dir.resolve("schemas"))) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            assertTrue(referenced.contains(relative), "asyncapi.yaml does not reference " + relative);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldDescribeEveryMessageWithItsSchemaCeTypeAndExample(MessageType type) {
        JsonNode message = ContractFiles.asyncApiMessage(type);
        assertFalse(message.isMissingNode(), "no components.messages." + ContractFiles.messageKey(type));
        assertEquals(type.name(), message.path("name").asText());
        assertEquals("./" + type.schemaPath(), message.path("payload").path("$ref").asText());
        assertEquals(type.ceType(), message.path("headers").path("allOf").path(1)
                .path("properties").path("ce_type").path("const").asText());
        assertEquals(1, message.path("examples").size(), "one example per message");
        assertTrue(message.path("examples").path(0).path("payload").isObject());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldPutEveryMessageOnTheChannelOfItsTopic(MessageType type) {
        String ref = "#/components/messages/" + ContractFiles.messageKey(type);
        boolean onTopic = false;
        for (JsonNode channel : doc().path("channels")) {
            String address = channel.path("address").asText();
            boolean listed = channel.path("messages").path(type.name()).path("$ref").asText().equals(ref);
            if (address.equals(type.topic()) || address.equals(Topics.dlq(type.topic()))) {
                assertTrue(listed, type.ceType() + " missing from channel " + address);
                onTopic |= address.equals(type.topic());
            } else {
                assertFalse(listed, type.ceType() + " wrongly listed on " + address);
            }
        }
        assertTrue(onTopic);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldGiveExampleHeadersThatTheEnvelopeAndTheHeaderSchemaAccept(MessageType type) {
        JsonNode headers = ContractFiles.example(type).path("headers");
        ObjectNode headerSchema = ContractJson.mapper().valueToTree(
                doc().path("components").path("schemas").path("CloudEventHeaders"));
        ((ObjectNode) headerSchema.get("properties")).putObject("ce_type").put("const", type.ceType());
        assertEquals(Set.of(), FACTORY.getSchema(headerSchema).validate(ContractJson.mapper().valueToTree(headers)));

        Map<String, String> asMap = new HashMap<>();
        headers.properties().forEach(e -> asMap.put(e.getKey(), e.getValue().asText()));
        EventMetadata metadata = EventMetadata.fromHeaders(asMap);
        assertEquals(type.ceType(), metadata.type());
        assertEquals(asMap, metadata.toHeaders(), "headers survive EventMetadata unchanged");
        assertTrue(metadata.time().isAfter(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void shouldReferenceOnlyExistingChannelsAndChannelMessagesFromOperations() {
        JsonNode channels = doc().path("channels");
        doc().path("operations").properties().forEach(op -> {
            JsonNode o = op.getValue();
            assertTrue(Set.of("send", "receive").contains(o.path("action").asText()), op.getKey());
            String channelRef = o.path("channel").path("$ref").asText();
            JsonNode channel = doc().at(channelRef.substring(1));
            assertFalse(channel.isMissingNode(), op.getKey() + " -> " + channelRef);
            assertFalse(o.path("messages").isEmpty(), op.getKey() + " has no messages");
            o.path("messages").forEach(m -> {
                String ref = m.path("$ref").asText();
                assertTrue(ref.startsWith(channelRef + "/messages/"), op.getKey() + " -> " + ref);
                assertFalse(doc().at(ref.substring(1)).isMissingNode(), ref);
            });
        });
        channels.properties().forEach(c -> {
            String ref = "#/channels/" + c.getKey();
            assertTrue(hasOperation(ref, "send"), "nobody sends to " + c.getKey());
            assertTrue(hasOperation(ref, "receive"), "nobody receives from " + c.getKey());
        });
    }

    @Test
    void shouldLetTheIntentsOfEveryServiceBeSentByTheCli() {
        for (String domain : Topics.SERVICE_DOMAINS) {
            JsonNode op = doc().path("operations").path("cli.send." + domain + "Intents");
            assertEquals("send", op.path("action").asText(), "no cli send operation for " + domain);
            assertEquals(MessageCatalog.onTopic(Topics.intents(domain)).size(), op.path("messages").size());
        }
    }

    private static boolean hasOperation(String channelRef, String action) {
        for (JsonNode op : doc().path("operations")) {
            if (op.path("channel").path("$ref").asText().equals(channelRef) && op.path("action").asText().equals(action)) {
                return true;
            }
        }
        return false;
    }
}

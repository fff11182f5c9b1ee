package io.skybridge.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples of the AsyncAPI document against the schemas, and the schemas against the Java records. */
class ExamplePayloadTest {

    static Stream<Named<MessageType>> catalogue() {
        return ContractFiles.catalogue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldValidateEveryExampleAgainstItsSchema(MessageType type) {
        JsonNode payload = ContractFiles.example(type).path("payload");
        assertTrue(payload.isObject(), "no example payload for " + type.ceType());
        assertEquals(List.of(), ContractValidator.validate(type, ContractJson.mapper().valueToTree(payload)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldRoundTripEveryExampleThroughItsRecord(MessageType type) throws Exception {
        JsonNode example = ContractFiles.example(type).path("payload");
        SkybridgeMessage message = ContractJson.mapper().treeToValue(example, type.javaType());
        JsonNode back = ContractJson.mapper().valueToTree(message);
        assertTrue(ContractFiles.sameJson(ContractFiles.withoutNulls(example), ContractFiles.withoutNulls(back)),
                "example:    " + example + "\nserialised: " + back);
        assertEquals(List.of(), ContractValidator.validate(type, back), "the record's own JSON must validate");
        assertEquals(ContractFiles.example(type).path("headers").path("ce_subject").asText(), message.aggregateId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldNameSchemaPropertiesAfterRecordComponents(MessageType type) {
        JsonNode schema = ContractFiles.readJson(ContractFiles.moduleDir().resolve(type.schemaPath()));
        assertSameShape(type.javaType(), schema, schema, type.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldCloseIntentsAndDeclareDraft202012(MessageType type) {
        JsonNode schema = ContractValidator.schema(type);
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertEquals("object", schema.path("type").asText());
        assertEquals(type.kind() == MessageKind.INTENT, schema.has("additionalProperties")
                && !schema.get("additionalProperties").asBoolean(true), "intents, and only intents, are closed");
        assertFalse(schema.path("required").isEmpty(), "no required property in " + type.schemaPath());
    }

    private static void assertSameShape(Class<?> record, JsonNode objectSchema, JsonNode root, String path) {
        Set<String> components = new TreeSet<>();
        Arrays.stream(record.getRecordComponents()).forEach(c -> components.add(c.getName()));
        Set<String> properties = new TreeSet<>();
        objectSchema.path("properties").fieldNames().forEachRemaining(properties::add);
        assertEquals(components, properties, "schema properties vs record components at " + path);
        for (RecordComponent c : record.getRecordComponents()) {
            Class<?> nested = recordTypeOf(c.getGenericType());
            if (nested != null) {
                JsonNode property = resolve(objectSchema.path("properties").path(c.getName()), root);
                assertSameShape(nested, property, root, path + "." + c.getName());
            }
        }
    }

    /** The record type of a component, or of the elements of a List component; null for anything else. */
    private static Class<?> recordTypeOf(Type type) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return recordTypeOf(p.getActualTypeArguments()[0]);
        }
        return null;
    }

    /** Follows $ref, nullable anyOf and array items down to the object schema. */
    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        if (schema.has("$ref")) {
            return resolve(root.at(schema.get("$ref").asText().substring(1)), root);
        }
        if (schema.has("anyOf")) {
            for (JsonNode branch : schema.get("anyOf")) {
                if (!"null".equals(branch.path("type").asText())) {
                    return resolve(branch, root);
                }
            }
        }
        if (schema.has("items")) {
            return resolve(schema.get("items"), root);
        }
        return schema;
    }
}

package io.skybridge.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Validates a payload against the JSON Schema of its message type (schemas ship inside this jar). */
public final class ContractValidator {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private ContractValidator() {
    }

    /** @return the violations, sorted, each naming the offending JSON path; empty when valid */
    public static List<String> validate(MessageType type, JsonNode payload) {
        JsonSchema schema = CACHE.computeIfAbsent(type.schemaPath(), ContractValidator::load);
        return schema.validate(payload).stream()
                .sorted(Comparator.comparing(ValidationMessage::getMessage))
                .map(ValidationMessage::getMessage)
                .toList();
    }

    /** The raw schema document of a type. */
    public static JsonNode schema(MessageType type) {
        return CACHE.computeIfAbsent(type.schemaPath(), ContractValidator::load).getSchemaNode();
    }

    private static JsonSchema load(String path) {
        String resource = "skybridge-contracts/" + path;
        try (InputStream in = ContractValidator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no schema on the classpath at " + resource);
            }
            return FACTORY.getSchema(ContractJson.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
    }
}

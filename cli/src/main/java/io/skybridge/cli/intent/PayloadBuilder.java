package io.skybridge.cli.intent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.skybridge.contracts.ContractJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Builds an intent's payload: a JSON or YAML file (optional), then each {@code --set} applied in order.
 * Values are typed by the schema (a {@code string} field stays a string even when it looks like a
 * number; an {@code array} of strings accepts {@code a,b,c}); where the schema says nothing the value
 * is read as JSON when it parses, else as a string.
 */
public final class PayloadBuilder {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final SchemaTypes schema;

    public PayloadBuilder(JsonNode schema) {
        this.schema = new SchemaTypes(schema);
    }

    public ObjectNode build(Path file, List<String> sets) {
        ObjectNode payload = file == null ? JsonNodeFactory.instance.objectNode() : read(file);
        for (String set : sets == null ? List.<String>of() : sets) {
            apply(payload, SetAssignment.parse(set));
        }
        return payload;
    }

    static ObjectNode read(Path file) {
        try {
            String name = file.getFileName().toString().toLowerCase();
            ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : ContractJson.mapper();
            JsonNode node = mapper.readTree(Files.readString(file));
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(file + ": the payload must be a JSON/YAML object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    void apply(ObjectNode payload, SetAssignment set) {
        JsonNode value = typed(set);
        JsonNode parent = payload;
        List<SetAssignment.Segment> path = set.path();
        for (int i = 0; i < path.size() - 1; i++) {
            parent = child(parent, path.get(i), path.get(i + 1).isIndex(), set);
        }
        put(parent, path.get(path.size() - 1), value, set);
    }

    private JsonNode typed(SetAssignment set) {
        String raw = set.value();
        Set<String> types = schema.at(set.path());
        if (types.contains("string") && types.size() == 1) {
            return TextNode.valueOf(raw);
        }
        if (types.contains("array") && !raw.trim().startsWith("[")) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            Set<String> itemTypes = schema.itemsAt(set.path());
            if (!raw.isEmpty()) {
                for (String item : raw.split(",")) {
                    array.add(itemTypes.contains("string") ? TextNode.valueOf(item.trim()) : guess(item.trim()));
                }
            }
            return array;
        }
        JsonNode guessed = guess(raw);
        if (types.contains("string") && guessed.isValueNode() && !guessed.isNull() && !guessed.isTextual()
                && !types.contains(jsonType(guessed))) {
            return TextNode.valueOf(raw);
        }
        return guessed;
    }

    private static String jsonType(JsonNode n) {
        if (n.isIntegralNumber()) {
            return "integer";
        }
        if (n.isNumber()) {
            return "number";
        }
        return n.isBoolean() ? "boolean" : "string";
    }

    private static JsonNode guess(String raw) {
        try {
            JsonNode n = ContractJson.mapper().readTree(raw);
            return n == null || n.isMissingNode() ? TextNode.valueOf(raw) : n;
        } catch (IOException e) {
            return TextNode.valueOf(raw);
        }
    }

    private static JsonNode child(JsonNode parent, SetAssignment.Segment s, boolean nextIsIndex, SetAssignment set) {
        JsonNode existing = get(parent, s);
        if (existing != null && (nextIsIndex ? existing.isArray() : existing.isObject())) {
            return existing;
        }
        JsonNode created = nextIsIndex ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
        put(parent, s, created, set);
        return created;
    }

    private static JsonNode get(JsonNode parent, SetAssignment.Segment s) {
        return s.isIndex() ? parent.get(s.index()) : parent.get(s.name());
    }

    private static void put(JsonNode parent, SetAssignment.Segment s, JsonNode value, SetAssignment set) {
        if (s.isIndex()) {
            if (!parent.isArray()) {
                throw new IllegalArgumentException("--set " + set.key() + ": not an array");
            }
            ArrayNode array = (ArrayNode) parent;
            if (s.index() > array.size()) {
                throw new IllegalArgumentException("--set " + set.key() + ": index " + s.index()
                        + " leaves a gap (the array has " + array.size() + " elements)");
            }
            if (s.index() == array.size()) {
                array.add(value);
            } else {
                array.set(s.index(), value);
            }
        } else {
            if (!parent.isObject()) {
                throw new IllegalArgumentException("--set " + set.key() + ": not an object");
            }
            ((ObjectNode) parent).set(s.name(), value);
        }
    }
}

package io.skybridge.cli.intent;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What JSON type the schema expects at a path ({@code string}, {@code integer}, {@code array} …), following local $refs. */
public final class SchemaTypes {
    private final JsonNode root;

    public SchemaTypes(JsonNode root) {
        this.root = root;
    }

    /** The types allowed at {@code path}, {@code null} excluded; empty when the schema does not say. */
    public Set<String> at(List<SetAssignment.Segment> path) {
        JsonNode node = resolve(root);
        for (SetAssignment.Segment s : path) {
            if (node == null) {
                return Set.of();
            }
            node = resolve(s.isIndex() ? node.get("items") : property(node, s.name()));
        }
        return typesOf(node);
    }

    /** The schema of the elements of the array at {@code path}. */
    public Set<String> itemsAt(List<SetAssignment.Segment> path) {
        JsonNode node = resolve(root);
        for (SetAssignment.Segment s : path) {
            if (node == null) {
                return Set.of();
            }
            node = resolve(s.isIndex() ? node.get("items") : property(node, s.name()));
        }
        return node == null ? Set.of() : typesOf(resolve(node.get("items")));
    }

    private static JsonNode property(JsonNode schema, String name) {
        JsonNode props = schema.get("properties");
        if (props != null && props.has(name)) {
            return props.get(name);
        }
        JsonNode additional = schema.get("additionalProperties");
        return additional != null && additional.isObject() ? additional : null;
    }

    private JsonNode resolve(JsonNode node) {
        int guard = 0;
        while (node != null && node.has("$ref") && guard++ < 16) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return null;
            }
            node = root.at(ref.substring(1));
            if (node.isMissingNode()) {
                return null;
            }
        }
        return node;
    }

    private static Set<String> typesOf(JsonNode node) {
        Set<String> types = new LinkedHashSet<>();
        if (node == null) {
            return types;
        }
        JsonNode type = node.get("type");
        if (type != null && type.isTextual()) {
            types.add(type.asText());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        types.remove("null");
        return types;
    }
}

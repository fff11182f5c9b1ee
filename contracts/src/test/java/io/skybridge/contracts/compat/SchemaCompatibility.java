package io.skybridge.contracts.compat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a JSON Schema may replace its baseline without breaking anyone: the new schema must
 * accept every payload the baseline accepted, and keep every property the baseline promised.
 * Breaking: a property removed or retyped, a new required property, an enum value or a $def removed,
 * a pattern/const added or changed, a bound tightened, additionalProperties closed, or any other
 * constraining keyword changed. Annotations (description, title, format, default, examples) are free.
 */
public final class SchemaCompatibility {
    private static final Set<String> ANNOTATIONS = Set.of("description", "title", "format", "default", "examples",
            "$comment", "$id", "$schema", "deprecated", "readOnly", "writeOnly");
    private static final Set<String> LOWER_BOUNDS = Set.of("minimum", "exclusiveMinimum", "minLength", "minItems",
            "minProperties");
    private static final Set<String> UPPER_BOUNDS = Set.of("maximum", "exclusiveMaximum", "maxLength", "maxItems",
            "maxProperties");
    private static final Set<String> HANDLED = Set.of("type", "enum", "const", "pattern", "required", "properties",
            "additionalProperties", "items", "propertyNames", "$ref", "$defs", "anyOf", "oneOf", "uniqueItems");

    private SchemaCompatibility() {
    }

    /** @return one line per breaking change, each naming its JSON pointer; empty when compatible */
    public static List<String> breakingChanges(JsonNode baseline, JsonNode current) {
        List<String> out = new ArrayList<>();
        compare(baseline, current, "", out);
        return out;
    }

    private static void compare(JsonNode old, JsonNode now, String at, List<String> out) {
        if (old.isBoolean() || now.isBoolean()) {
            if (!old.equals(now) && !now.asBoolean(false)) {
                out.add(at + ": schema became " + now);
            }
            return;
        }
        if (old.has("anyOf") || old.has("oneOf") || now.has("anyOf") || now.has("oneOf")) {
            compareAlternatives(old, now, at, out);
            return;
        }
        compareTypes(old, now, at, out);
        compareEnum(old, now, at, out);
        compareExact("const", old, now, at, out);
        compareExact("pattern", old, now, at, out);
        compareExact("$ref", old, now, at, out);
        compareBounds(old, now, at, out);
        if (now.path("uniqueItems").asBoolean(false) && !old.path("uniqueItems").asBoolean(false)) {
            out.add(at + ": uniqueItems became true");
        }
        compareRequired(old, now, at, out);
        compareChildren("properties", old, now, at, out, "property removed");
        compareChildren("$defs", old, now, at, out, "definition removed");
        compareAdditionalProperties(old, now, at, out);
        compareSub("items", old, now, at, out);
        compareSub("propertyNames", old, now, at, out);
        compareOtherKeywords(old, now, at, out);
    }

    /** Every alternative of the baseline must still be accepted by some alternative of the current schema. */
    private static void compareAlternatives(JsonNode old, JsonNode now, String at, List<String> out) {
        for (JsonNode oldBranch : alternatives(old)) {
            boolean covered = false;
            for (JsonNode newBranch : alternatives(now)) {
                if (breakingChanges(oldBranch, newBranch).isEmpty()) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                out.add(at + ": alternative " + oldBranch + " is no longer accepted");
            }
        }
    }

    private static List<JsonNode> alternatives(JsonNode schema) {
        JsonNode branches = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        List<JsonNode> list = new ArrayList<>();
        if (branches == null) {
            list.add(schema);
        } else {
            branches.forEach(list::add);
        }
        return list;
    }

    private static void compareTypes(JsonNode old, JsonNode now, String at, List<String> out) {
        Set<String> oldTypes = strings(old.get("type"));
        Set<String> newTypes = strings(now.get("type"));
        if (!newTypes.isEmpty() && oldTypes.isEmpty()) {
            out.add(at + ": type " + newTypes + " added");
        } else if (!newTypes.isEmpty() && !widens(newTypes, oldTypes)) {
            out.add(at + ": type changed from " + oldTypes + " to " + newTypes);
        }
    }

    private static boolean widens(Set<String> newTypes, Set<String> oldTypes) {
        Set<String> effective = new HashSet<>(newTypes);
        if (effective.contains("number")) {
            effective.add("integer");
        }
        return effective.containsAll(oldTypes);
    }

    private static void compareEnum(JsonNode old, JsonNode now, String at, List<String> out) {
        if (!now.has("enum")) {
            return;
        }
        if (!old.has("enum")) {
            out.add(at + ": enum added");
            return;
        }
        Set<JsonNode> kept = new HashSet<>();
        now.get("enum").forEach(kept::add);
        old.get("enum").forEach(v -> {
            if (!kept.contains(v)) {
                out.add(at + ": enum value " + v + " removed");
            }
        });
    }

    private static void compareExact(String keyword, JsonNode old, JsonNode now, String at, List<String> out) {
        if (now.has(keyword) && !now.get(keyword).equals(old.get(keyword))) {
            out.add(at + ": " + keyword + (old.has(keyword) ? " changed from " + old.get(keyword) + " to " : " added: ")
                    + now.get(keyword));
        }
    }

    private static void compareBounds(JsonNode old, JsonNode now, String at, List<String> out) {
        for (String k : LOWER_BOUNDS) {
            if (now.has(k) && (!old.has(k) || now.get(k).decimalValue().compareTo(old.get(k).decimalValue()) > 0)) {
                out.add(at + ": " + k + " raised to " + now.get(k) + " (was " + old.path(k) + ")");
            }
        }
        for (String k : UPPER_BOUNDS) {
            if (now.has(k) && (!old.has(k) || now.get(k).decimalValue().compareTo(old.get(k).decimalValue()) < 0)) {
                out.add(at + ": " + k + " lowered to " + now.get(k) + " (was " + old.path(k) + ")");
            }
        }
    }

    private static void compareRequired(JsonNode old, JsonNode now, String at, List<String> out) {
        Set<String> before = strings(old.get("required"));
        for (String name : strings(now.get("required"))) {
            if (!before.contains(name)) {
                out.add(at + "/required: new required property '" + name + "'");
            }
        }
    }

    private static void compareChildren(String keyword, JsonNode old, JsonNode now, String at, List<String> out,
                                        String removed) {
        Iterator<String> names = old.path(keyword).fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            String path = at + "/" + keyword + "/" + name;
            if (!now.path(keyword).has(name)) {
                out.add(path + ": " + removed);
            } else {
                compare(old.get(keyword).get(name), now.get(keyword).get(name), path, out);
            }
        }
    }

    private static void compareAdditionalProperties(JsonNode old, JsonNode now, String at, List<String> out) {
        JsonNode before = old.get("additionalProperties");
        JsonNode after = now.get("additionalProperties");
        boolean wasOpen = before == null || !before.isBoolean() || before.asBoolean();
        if (after != null && after.isBoolean() && !after.asBoolean() && wasOpen) {
            out.add(at + ": additionalProperties went from open to closed");
        } else if (after != null && after.isObject()) {
            if (before == null || before.isBoolean()) {
                if (before == null || before.asBoolean()) {
                    out.add(at + ": additionalProperties constrained");
                }
            } else {
                compare(before, after, at + "/additionalProperties", out);
            }
        }
    }

    private static void compareSub(String keyword, JsonNode old, JsonNode now, String at, List<String> out) {
        if (!now.has(keyword)) {
            return;
        }
        if (!old.has(keyword)) {
            out.add(at + ": " + keyword + " constraint added");
        } else {
            compare(old.get(keyword), now.get(keyword), at + "/" + keyword, out);
        }
    }

    private static void compareOtherKeywords(JsonNode old, JsonNode now, String at, List<String> out) {
        Set<String> names = new HashSet<>();
        old.fieldNames().forEachRemaining(names::add);
        now.fieldNames().forEachRemaining(names::add);
        names.stream()
                .filter(k -> !ANNOTATIONS.contains(k) && !HANDLED.contains(k))
                .filter(k -> !LOWER_BOUNDS.contains(k) && !UPPER_BOUNDS.contains(k))
                .filter(k -> now.has(k) && !now.get(k).equals(old.get(k)))
                .sorted()
                .forEach(k -> out.add(at + ": keyword " + k + " changed"));
    }

    private static Set<String> strings(JsonNode node) {
        Set<String> set = new HashSet<>();
        if (node == null) {
            return set;
        }
        if (node.isTextual()) {
            set.add(node.asText());
        } else {
            node.forEach(n -> set.add(n.asText()));
        }
        return set;
    }
}

package io.skybridge.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an intent may carry is bounded by its schema, and the shared JSON mapper parses with explicit limits. */
class IntentBoundsTest {

    @Test
    void shouldBoundEveryArrayMapAndStringOfEveryIntent() throws Exception {
        List<String> unbounded = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (MessageType type : MessageCatalog.all()) {
            if (type.kind() != MessageKind.INTENT) {
                continue;
            }
            Path file = ContractFiles.moduleDir().resolve(type.schemaPath());
            walk(json.readTree(Files.readString(file)), type.name(), unbounded);
        }
        assertEquals(List.of(), unbounded, "every array needs maxItems, every map maxProperties, every string maxLength");
    }

    private static void walk(JsonNode node, String at, List<String> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        List<String> types = new ArrayList<>();
        JsonNode t = node.get("type");
        if (t != null && t.isArray()) {
            t.forEach(x -> types.add(x.asText()));
        } else if (t != null) {
            types.add(t.asText());
        }
        if (types.contains("array") && !node.has("maxItems")) {
            out.add(at + ": array without maxItems");
        }
        if (types.contains("object") && node.path("additionalProperties").isObject() && !node.has("maxProperties")) {
            out.add(at + ": map without maxProperties");
        }
        if (types.contains("string") && !node.has("maxLength") && !node.has("enum") && !node.has("const")) {
            out.add(at + ": string without maxLength");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            walk(e.getValue(), at + "/" + e.getKey(), out);
        }
    }

    @Test
    void shouldRefuseJsonNestedDeeperThanTheLimitOrWithAnOverlongNumber() {
        String deep = "[".repeat(ContractJson.MAX_NESTING_DEPTH + 1) + "]".repeat(ContractJson.MAX_NESTING_DEPTH + 1);
        Exception e = assertThrows(Exception.class, () -> ContractJson.mapper().readTree(deep));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
        Exception n = assertThrows(Exception.class, () -> ContractJson.mapper().readTree("{\"n\":" + "1".repeat(100) + "}"));
        assertTrue(n.getMessage().contains("Number value length"), n.getMessage());
    }

    @Test
    void shouldParseWhatStaysWithinTheLimits() throws Exception {
        String nested = "[".repeat(10) + "]".repeat(10);
        assertEquals(nested, ContractJson.mapper().readTree(nested).toString());
    }
}

package io.skybridge.contracts.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaCompatibilityCheckerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = """
            {"type":"object","required":["id","cloud"],
             "properties":{
               "id":{"type":"string","pattern":"^[a-z]+$","maxLength":63},
               "cloud":{"type":"string","enum":["aws","gcp"]},
               "size":{"type":"integer","minimum":0,"maximum":100},
               "region":{"type":["string","null"]},
               "owner":{"anyOf":[{"$ref":"#/$defs/Owner"},{"type":"null"}]},
               "tags":{"type":"array","items":{"type":"string"}}},
             "$defs":{"Owner":{"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}}}
            """;

    private static List<String> verdict(String mutatedBase) {
        return SchemaCompatibility.breakingChanges(json(BASE), json(mutatedBase));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void assertBreaks(String mutated, String expectedFragment) {
        List<String> changes = verdict(mutated);
        assertTrue(changes.stream().anyMatch(c -> c.contains(expectedFragment)),
                "expected a breaking change mentioning '" + expectedFragment + "', got " + changes);
    }

    @Test
    void shouldFindNoBreakingChangeBetweenASchemaAndItself() {
        assertEquals(List.of(), verdict(BASE));
    }

    @Test
    void shouldAcceptCompatibleEvolution() {
        String compatible = BASE
                .replace("\"required\":[\"id\",\"cloud\"]", "\"required\":[\"id\"]")
                .replace("\"enum\":[\"aws\",\"gcp\"]", "\"enum\":[\"aws\",\"gcp\",\"azure\"]")
                .replace("\"maximum\":100", "\"maximum\":1000")
                .replace("\"pattern\":\"^[a-z]+$\",", "")
                .replace("\"tags\":{", "\"zone\":{\"type\":[\"string\",\"null\"]},\"tags\":{")
                .replace("\"type\":\"integer\",\"minimum\"", "\"type\":\"number\",\"minimum\"")
                .replace("{\"type\":\"string\",\"pattern\"", "{\"type\":\"string\",\"description\":\"id\",\"pattern\"");
        assertEquals(List.of(), verdict(compatible));
    }

    @Test
    void shouldFlagARemovedProperty() {
        assertBreaks(BASE.replace("\"region\":{\"type\":[\"string\",\"null\"]},", ""), "/properties/region: property removed");
    }

    @Test
    void shouldFlagAChangedType() {
        assertBreaks(BASE.replace("\"size\":{\"type\":\"integer\"", "\"size\":{\"type\":\"string\""), "type changed");
        assertBreaks(BASE.replace("\"region\":{\"type\":[\"string\",\"null\"]}", "\"region\":{\"type\":\"string\"}"),
                "/properties/region: type changed");
    }

    @Test
    void shouldFlagANewRequiredProperty() {
        assertBreaks(BASE.replace("\"required\":[\"id\",\"cloud\"]", "\"required\":[\"id\",\"cloud\",\"size\"]"),
                "new required property 'size'");
    }

    @Test
    void shouldFlagALostEnumValue() {
        assertBreaks(BASE.replace("\"enum\":[\"aws\",\"gcp\"]", "\"enum\":[\"aws\"]"), "enum value \"gcp\" removed");
    }

    @Test
    void shouldFlagStricterPatternsAndBounds() {
        assertBreaks(BASE.replace("^[a-z]+$", "^[a-z]{3}$"), "pattern changed");
        assertBreaks(BASE.replace("\"maxLength\":63", "\"maxLength\":32"), "maxLength lowered");
        assertBreaks(BASE.replace("\"minimum\":0", "\"minimum\":1"), "minimum raised");
        assertBreaks(BASE.replace("\"items\":{\"type\":\"string\"}", "\"items\":{\"type\":\"string\"},\"minItems\":1"),
                "minItems raised");
    }

    @Test
    void shouldFlagClosingAdditionalProperties() {
        assertBreaks(BASE.replace("\"type\":\"object\",\"required\":[\"id\",\"cloud\"]",
                "\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"id\",\"cloud\"]"),
                "additionalProperties went from open to closed");
    }

    @Test
    void shouldFlagANestedDefinitionThatNoLongerAcceptsNull() {
        assertBreaks(BASE.replace("\"owner\":{\"anyOf\":[{\"$ref\":\"#/$defs/Owner\"},{\"type\":\"null\"}]}",
                "\"owner\":{\"$ref\":\"#/$defs/Owner\"}"), "/properties/owner: alternative");
        assertBreaks(BASE.replace("\"required\":[\"name\"]", "\"required\":[\"name\",\"email\"]"),
                "/$defs/Owner/required: new required property 'email'");
    }

    @Test
    void shouldFlagARemovedSchemaFileAndReportMissingBaselines(@TempDir Path dir) throws IOException {
        Path baseline = Files.createDirectories(dir.resolve("baseline/networking"));
        Path current = Files.createDirectories(dir.resolve("schemas/networking"));
        Files.writeString(baseline.resolve("A.v1.json"), BASE);
        Files.writeString(baseline.resolve("B.v1.json"), BASE);
        Files.writeString(current.resolve("A.v1.json"), BASE.replace("\"enum\":[\"aws\",\"gcp\"]", "\"enum\":[\"gcp\"]"));
        Files.writeString(current.resolve("C.v1.json"), BASE);

        List<String> changes = SchemaBaseline.breakingChanges(dir.resolve("baseline"), dir.resolve("schemas"));
        assertEquals(2, changes.size(), changes.toString());
        assertTrue(changes.contains(Path.of("networking/B.v1.json") + ": schema removed"), changes.toString());
        assertTrue(changes.get(0).startsWith(Path.of("networking/A.v1.json") + "#/properties/cloud: enum value"),
                changes.toString());
        assertEquals(List.of(Path.of("networking/C.v1.json")),
                SchemaBaseline.missingFromBaseline(dir.resolve("baseline"), dir.resolve("schemas")));

        SchemaBaseline.refresh(dir.resolve("baseline"), dir.resolve("schemas"));
        assertEquals(List.of(), SchemaBaseline.missingFromBaseline(dir.resolve("baseline"), dir.resolve("schemas")));
        assertEquals(List.of(Path.of("networking/B.v1.json") + ": schema removed"),
                SchemaBaseline.breakingChanges(dir.resolve("baseline"), dir.resolve("schemas")));
    }
}

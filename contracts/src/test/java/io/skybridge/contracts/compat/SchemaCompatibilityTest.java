package io.skybridge.contracts.compat;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The schemas must stay backward compatible with the committed baseline ({@code baseline/schemas}).
 * After a deliberate, compatible change (or a new schema) refresh the baseline with
 * {@code ./mvnw -pl contracts test -Dcontracts.baseline.update=true}; a breaking change needs a new
 * version ({@code <Name>.v2.json}) instead, and the update refuses to record it.
 */
class SchemaCompatibilityTest {
    static final String UPDATE = "contracts.baseline.update";

    private static Path module() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    }

    @Test
    void shouldKeepEverySchemaBackwardCompatibleWithTheBaseline() {
        Path baseline = module().resolve("baseline/schemas");
        Path current = module().resolve("schemas");
        assertFalse(SchemaBaseline.relativeJsonFiles(baseline).isEmpty(), "no baseline at " + baseline);
        assertEquals(List.of(), SchemaBaseline.breakingChanges(baseline, current),
                "breaking schema changes versus baseline/schemas: publish a new version (.v2) instead");
        if (Boolean.getBoolean(UPDATE)) {
            SchemaBaseline.refresh(baseline, current);
        }
        assertEquals(List.of(), SchemaBaseline.missingFromBaseline(baseline, current),
                "schemas without a baseline: run ./mvnw -pl contracts test -D" + UPDATE + "=true");
    }
}

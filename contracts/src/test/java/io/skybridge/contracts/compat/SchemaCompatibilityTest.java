package io.skybridge.contracts.compat;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The schemas must stay backward compatible with the committed baseline ({@code baseline/schemas}).
 * After a deliberate, compatible change (or a new schema) refresh the baseline with
 * {@code ./mvnw -pl contracts test -Dcontracts.baseline.update=true}; a breaking change needs a new
 * version ({@code <Name>.v2.json}) instead, and the update refuses to record it. The one exception is
 * {@code baseline/accepted-breaking-changes.txt}: a reviewed list of tightenings of intents that only ever refuse
 * requests no producer may send (security bounds), each line exactly as this test reports it, under a comment
 * saying why.
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
        Set<String> accepted = SchemaBaseline.acceptedBreakingChanges(module().resolve("baseline/accepted-breaking-changes.txt"));
        List<String> breaking = SchemaBaseline.breakingChanges(baseline, current).stream()
                .filter(change -> !accepted.contains(change)).toList();
        assertEquals(List.of(), breaking,
                "breaking schema changes versus baseline/schemas: publish a new version (.v2) instead");
        if (Boolean.getBoolean(UPDATE)) {
            SchemaBaseline.refresh(baseline, current);
        }
        assertEquals(List.of(), SchemaBaseline.missingFromBaseline(baseline, current),
                "schemas without a baseline: run ./mvnw -pl contracts test -D" + UPDATE + "=true");
    }
}

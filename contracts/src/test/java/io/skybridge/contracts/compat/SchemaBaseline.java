package io.skybridge.contracts.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Compares a directory of schemas with its committed baseline (same layout), and refreshes the baseline. */
public final class SchemaBaseline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaBaseline() {
    }

    /** Breaking changes of {@code current} versus {@code baseline}, each prefixed by the schema's relative path. */
    public static List<String> breakingChanges(Path baseline, Path current) {
        List<String> out = new ArrayList<>();
        for (Path relative : relativeJsonFiles(baseline)) {
            Path now = current.resolve(relative);
            if (!Files.exists(now)) {
                out.add(relative + ": schema removed");
                continue;
            }
            SchemaCompatibility.breakingChanges(read(baseline.resolve(relative)), read(now))
                    .forEach(change -> out.add(relative + "#" + change));
        }
        return out;
    }

    /** The reviewed breaking changes of {@code file}: one per line, {@code #} comments and blank lines ignored. */
    public static java.util.Set<String> acceptedBreakingChanges(Path file) {
        if (!Files.exists(file)) {
            return java.util.Set.of();
        }
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Schemas in {@code current} that the baseline does not hold yet. */
    public static List<Path> missingFromBaseline(Path baseline, Path current) {
        return relativeJsonFiles(current).stream().filter(r -> !Files.exists(baseline.resolve(r))).toList();
    }

    /** Copies every schema of {@code current} over the baseline. */
    public static void refresh(Path baseline, Path current) {
        try {
            for (Path relative : relativeJsonFiles(current)) {
                Path target = baseline.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.copy(current.resolve(relative), target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> relativeJsonFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).map(dir::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

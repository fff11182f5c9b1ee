package io.skybridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.skybridge.contracts.ContractJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the spans a service wrote to its trace file ({@code skybridge.tracing.file}: one JSON object per line). */
public final class TraceFiles {
    private TraceFiles() {
    }

    /** The spans of {@code traceId} in {@code file} (none when the file does not exist yet). */
    public static List<JsonNode> spans(Path file, String traceId) {
        List<JsonNode> spans = new ArrayList<>();
        if (!Files.exists(file)) {
            return spans;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.contains(traceId)) {
                    try {
                        JsonNode span = ContractJson.mapper().readTree(line);
                        if (traceId.equals(span.path("traceId").asText())) {
                            spans.add(span);
                        }
                    } catch (IOException partial) {
                        // the last line may still be being written
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return spans;
    }
}

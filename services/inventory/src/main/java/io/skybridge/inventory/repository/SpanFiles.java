package io.skybridge.inventory.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.skybridge.contracts.ContractJson;
import io.skybridge.inventory.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The spans of one trace, read from the span files that the services write ({@code skybridge.tracing.file}, one JSON
 * line per span) in {@code skybridge.console.trace-dir}. Production exports OTLP instead and links to its tracing UI.
 */
@ApplicationScoped
public class SpanFiles {
    private static final int MAX_SPANS = 5000;

    @Inject
    ConsoleConfig config;

    public boolean available() {
        return config.traceDir().filter(d -> !d.isBlank()).isPresent();
    }

    /** The trace's spans by start time; empty if no file holds one. */
    public List<JsonNode> trace(String traceId) {
        Optional<String> dir = config.traceDir().filter(d -> !d.isBlank());
        if (dir.isEmpty() || !Files.isDirectory(Path.of(dir.get()))) {
            return List.of();
        }
        String needle = "\"traceId\":\"" + traceId + "\"";
        List<JsonNode> spans = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir.get()))) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null && spans.size() < MAX_SPANS) {
                        if (line.contains(needle)) {
                            spans.add(ContractJson.mapper().readTree(line));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        spans.sort(Comparator.comparingLong(s -> s.path("startEpochNanos").asLong()));
        return spans;
    }
}

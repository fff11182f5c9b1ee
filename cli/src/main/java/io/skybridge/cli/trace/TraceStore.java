package io.skybridge.cli.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.skybridge.contracts.ContractJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The spans the local stack's services wrote ({@code <home>/traces/<replica>.jsonl}, one JSON object per line). */
public final class TraceStore {
    private final Path dir;

    public TraceStore(Path dir) {
        this.dir = dir;
    }

    /** One span as a service wrote it. */
    public record Span(String traceId, String spanId, String parentSpanId, String service, String name, String kind,
                       long startNanos, long endNanos, String status, JsonNode attributes) {
        public double millis() {
            return (endNanos - startNanos) / 1e6;
        }
    }

    /** Every span of {@code traceId}, by start time. */
    public List<Span> spans(String traceId) {
        List<Span> spans = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return spans;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.contains(traceId)) {
                        continue;
                    }
                    JsonNode n;
                    try {
                        n = ContractJson.mapper().readTree(line);
                    } catch (IOException partial) {
                        continue; // a line still being written
                    }
                    if (traceId.equals(n.path("traceId").asText())) {
                        spans.add(new Span(traceId, n.path("spanId").asText(),
                                n.path("parentSpanId").isTextual() ? n.path("parentSpanId").asText() : null,
                                n.path("service").asText(), n.path("name").asText(), n.path("kind").asText(),
                                n.path("startEpochNanos").asLong(), n.path("endEpochNanos").asLong(),
                                n.path("status").asText(), n.path("attributes")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        spans.sort(Comparator.comparingLong(Span::startNanos));
        return spans;
    }

    /**
     * The spans as an indented tree: each span under its parent; a span whose parent is not recorded (the CLI's,
     * which records none) is a root.
     */
    public static List<String> tree(List<Span> spans) {
        Map<String, List<Span>> children = new LinkedHashMap<>();
        Map<String, Span> byId = new LinkedHashMap<>();
        spans.forEach(s -> byId.put(s.spanId(), s));
        List<Span> roots = new ArrayList<>();
        for (Span s : spans) {
            if (s.parentSpanId() != null && byId.containsKey(s.parentSpanId())) {
                children.computeIfAbsent(s.parentSpanId(), k -> new ArrayList<>()).add(s);
            } else {
                roots.add(s);
            }
        }
        long origin = spans.isEmpty() ? 0 : spans.get(0).startNanos();
        List<String> lines = new ArrayList<>();
        for (Span root : roots) {
            print(root, 0, origin, children, lines);
        }
        return lines;
    }

    private static void print(Span s, int depth, long origin, Map<String, List<Span>> children, List<String> lines) {
        lines.add(String.format("%9.1f ms %s%-13s %s (%.1f ms)%s", (s.startNanos() - origin) / 1e6, "  ".repeat(depth),
                s.service(), s.name(), s.millis(), "ERROR".equals(s.status()) ? " ERROR" : ""));
        for (Span c : children.getOrDefault(s.spanId(), List.of())) {
            print(c, depth + 1, origin, children, lines);
        }
    }
}

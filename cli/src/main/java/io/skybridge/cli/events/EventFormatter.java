package io.skybridge.cli.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.skybridge.cli.Console;
import io.skybridge.cli.Console.Colour;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** One readable line per event: time, domain, type, subject, the payload's scalar fields, correlation. */
public final class EventFormatter {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final Set<String> OMITTED = Set.of("epoch");
    private static final int MAX_FIELDS = 8;
    private final Console console;

    public EventFormatter(Console console) {
        this.console = console;
    }

    public String line(EventRecord e) {
        String corr = e.correlationId() == null ? "-" : shortId(e.correlationId());
        return console.paint(Colour.DIM, clock(e)) + " "
                + pad(e.domain(), 12)
                + console.paint(colourOf(e.name()), pad(e.name(), 26)) + " "
                + console.paint(Colour.BOLD, e.key() == null ? "-" : e.key()) + "  "
                + summary(e.payload())
                + console.paint(Colour.DIM, "  corr=" + corr);
    }

    static String clock(EventRecord e) {
        try {
            return e.time() != null ? CLOCK.format(Instant.parse(e.time())) : CLOCK.format(Instant.ofEpochMilli(e.timestamp()));
        } catch (RuntimeException ex) {
            return CLOCK.format(Instant.ofEpochMilli(e.timestamp()));
        }
    }

    /** Scalar fields as {@code k=v}, arrays as their size: a line, not a dump. */
    public static String summary(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return payload == null ? "" : payload.toString();
        }
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext() && n < MAX_FIELDS; ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (OMITTED.contains(f.getKey()) || v.isNull() || v.isObject()) {
                continue;
            }
            String text = v.isArray() ? (v.size() <= 3 && allScalar(v) ? v.toString() : "[" + v.size() + "]") : v.asText();
            if (text.length() > 60) {
                text = text.substring(0, 57) + "…";
            }
            b.append(n++ == 0 ? "" : " ").append(f.getKey()).append('=').append(text);
        }
        return b.toString();
    }

    private static boolean allScalar(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    static Colour colourOf(String name) {
        if (name.endsWith("Failed") || name.equals("IntentRejected") || name.equals("OutageDeclared")
                || name.equals("DriftDetected") || name.endsWith("Degraded")) {
            return Colour.RED;
        }
        if (name.endsWith("Completed") || name.endsWith("Established") || name.endsWith("Joined")
                || name.endsWith("Restored") || name.endsWith("Cleared") || name.endsWith("Registered")
                || name.endsWith("Migrated")) {
            return Colour.GREEN;
        }
        if (name.equals("IntentAccepted")) {
            return Colour.CYAN;
        }
        return Colour.YELLOW;
    }

    static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}

package io.skybridge.shared.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Caps on what a rejection echoes back: an intent with thousands of violations, or one huge field, must not yield an
 * {@code IntentRejected} or a dead-letter header larger than the broker accepts.
 */
public final class Bounded {
    /** Violations listed in one rejection; the rest are counted. */
    public static final int MAX_VIOLATIONS = 20;
    /** Characters of one violation, detail or reason. */
    public static final int MAX_TEXT = 300;
    /** Bytes of one header value copied onto a dead letter. */
    public static final int MAX_HEADER_BYTES = 1024;

    private Bounded() {
    }

    /** {@code text} cut to {@code max} characters, marked with an ellipsis when cut; null stays null. */
    public static String text(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, Math.max(0, max - 1)) + "…";
    }

    public static String text(String text) {
        return text(text, MAX_TEXT);
    }

    /**
     * At most {@link #MAX_VIOLATIONS} violations, each at most {@link #MAX_TEXT} characters; when some were left off,
     * a last line says how many there were in all.
     */
    public static List<String> violations(List<String> violations) {
        if (violations == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(Math.min(violations.size(), MAX_VIOLATIONS + 1));
        for (int i = 0; i < violations.size() && i < MAX_VIOLATIONS; i++) {
            String v = violations.get(i);
            out.add(v == null || v.isEmpty() ? "(empty)" : text(v));
        }
        if (violations.size() > MAX_VIOLATIONS) {
            out.add("… and " + (violations.size() - MAX_VIOLATIONS) + " more (" + violations.size() + " violations in all)");
        }
        return List.copyOf(out);
    }

    /** {@code value} cut so that its UTF-8 form is at most {@code maxBytes} (never splitting a character). */
    public static String utf8(String value, int maxBytes) {
        if (value == null || value.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return value;
        }
        int budget = maxBytes - 3; // the ellipsis
        int bytes = 0;
        int end = 0;
        while (end < value.length()) {
            int cp = value.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return value.substring(0, end) + "…";
    }
}

package io.skybridge.cli.intent;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The CLI starts the trace of each intent it sends: a W3C {@code traceparent} with a new random trace id, sampled
 * ({@code 00-<32 hex>-<16 hex>-01}). The services' spans of that intent's story are its descendants; the CLI itself
 * records no span (its id is the root's parent every span of the story leads back to).
 */
public final class TraceContext {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceContext() {
    }

    public static String newTraceparent() {
        return "00-" + nonZeroHex(16) + "-" + nonZeroHex(8) + "-01";
    }

    /** The trace id of a {@code traceparent}, or null when it is not one. */
    public static String traceId(String traceparent) {
        if (traceparent == null || !traceparent.matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")) {
            return null;
        }
        return traceparent.substring(3, 35);
    }

    private static String nonZeroHex(int bytes) {
        byte[] b = new byte[bytes];
        do {
            RANDOM.nextBytes(b);
        } while (allZero(b)); // an all-zero id is invalid
        return HexFormat.of().formatHex(b);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}

package io.skybridge.emulator.control;

import java.util.Locale;

/** How calls of a cut-off client fail. */
public enum PartitionMode {
    /** The connection is reset without an answer (fails fast, like an unreachable network). */
    RESET,
    /** The request is never answered (the client times out). */
    HANG;

    public static PartitionMode parse(String s) {
        if (s == null || s.isBlank()) {
            return RESET;
        }
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "reset":
            case "drop":
                return RESET;
            case "hang":
            case "timeout":
                return HANG;
            default:
                throw new IllegalArgumentException("unknown partition mode '" + s + "' (reset or hang)");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

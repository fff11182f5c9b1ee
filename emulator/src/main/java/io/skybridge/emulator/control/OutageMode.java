package io.skybridge.emulator.control;

import java.util.Locale;

/** How a cloud's API behaves during an outage. */
public enum OutageMode {
    /** Answer every call with HTTP 503 in the provider's error format. */
    UNAVAILABLE,
    /** Accept the connection and never answer (the client times out). */
    HANG;

    public static OutageMode parse(String s) {
        if (s == null || s.isBlank()) {
            return UNAVAILABLE;
        }
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "unavailable":
            case "503":
                return UNAVAILABLE;
            case "hang":
            case "timeout":
                return HANG;
            default:
                throw new IllegalArgumentException("unknown outage mode '" + s + "' (unavailable or hang)");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

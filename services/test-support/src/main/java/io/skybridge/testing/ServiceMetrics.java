package io.skybridge.testing;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the running service's {@code /q/metrics} (Prometheus text format) through RestAssured. */
public final class ServiceMetrics {
    private ServiceMetrics() {
    }

    /**
     * The sum of {@code name}'s samples whose labels include every one of {@code labels} ({@code key="value"});
     * 0 when there is none.
     */
    public static double sum(String name, String... labels) {
        return sumIn(io.restassured.RestAssured.given().get("/q/metrics").asString(), name, labels);
    }

    /** {@link #sum(String, String...)} over an exposition already read. */
    public static double sumIn(String exposition, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)(?: .*)?$").matcher(exposition);
        double total = 0;
        while (m.find()) {
            String found = m.group(1) == null ? "" : m.group(1);
            if (Arrays.stream(labels).allMatch(found::contains)) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}

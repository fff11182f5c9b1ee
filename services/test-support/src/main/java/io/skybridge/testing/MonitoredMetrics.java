package io.skybridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metric names the shipped Grafana dashboards and Prometheus alerts ({@code deploy/monitoring}) query, read from
 * the files themselves, so that a renamed or never-registered metric fails the services' tests instead of leaving
 * an empty panel or an alert that can never fire.
 */
public final class MonitoredMetrics {
    /** A metric name in a PromQL expression: Skybridge's own, the Kafka clients', the HTTP server's, the JVM's. */
    private static final Pattern NAME = Pattern.compile("\\b((?:skybridge|kafka_consumer|kafka_producer|http_server|jvm)_[a-z0-9_]+)\\b");

    private MonitoredMetrics() {
    }

    /** {@code deploy/monitoring} of this checkout, found from the working directory upwards. */
    public static Path directory() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("deploy").resolve("monitoring");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no deploy/monitoring above " + Path.of("").toAbsolutePath());
    }

    /** Every metric name the dashboards and alert rules under {@code dir} use. */
    public static Set<String> names(Path dir) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".yaml")).toList()) {
                Matcher m = NAME.matcher(Files.readString(f));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** {@code names} without the ones another service owns ({@code skybridge_<other domain>_…}). */
    public static Set<String> forService(Set<String> names, String domain) {
        Set<String> mine = new TreeSet<>();
        for (String name : names) {
            boolean other = false;
            for (String d : new String[]{"inventory", "networking", "provisioning", "failover"}) {
                other |= !d.equals(domain) && name.startsWith("skybridge_" + d + "_");
            }
            if (!other) {
                mine.add(name);
            }
        }
        return mine;
    }

    /** The names among {@code wanted} with no sample in {@code exposition} (the Prometheus text format). */
    public static Set<String> missing(Set<String> wanted, String exposition) {
        Set<String> missing = new TreeSet<>();
        for (String name : wanted) {
            if (!Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(exposition).find()) {
                missing.add(name);
            }
        }
        return missing;
    }
}

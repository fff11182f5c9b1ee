package io.skybridge.cli;

import io.skybridge.cli.events.EventRecord;
import io.skybridge.cli.events.EventStream;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The packaged {@code skybridge} command run against a local stack of its own (state directory {@code home}, ports
 * shifted by {@code offset} so that a developer's stack is left alone), and what the end-to-end tests read back.
 */
final class LocalStackRun {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final List<String> APPS = List.of("cli/target/quarkus-app/quarkus-run.jar", "emulator/target/skybridge-emulator.jar",
            "services/inventory/target/quarkus-app/quarkus-run.jar", "services/networking/target/quarkus-app/quarkus-run.jar",
            "services/provisioning/target/quarkus-app/quarkus-run.jar", "services/failover/target/quarkus-app/quarkus-run.jar");

    final Path home;
    final Ports ports;

    record Result(int exit, String output) {
    }

    LocalStackRun(String home, int offset) {
        this.home = Path.of("target", home).toAbsolutePath();
        this.ports = new Ports(offset);
    }

    /** Skips unless every app is packaged (the whole reactor ran), then empties the state directory. */
    void prepare() throws IOException {
        Assumptions.assumeFalse(Boolean.getBoolean("skybridge.e2e.skip"), "skybridge.e2e.skip=true");
        for (String app : APPS) {
            Assumptions.assumeTrue(Files.exists(REPO.resolve(app)), app + " is not packaged: run the whole reactor (./mvnw -B verify)");
        }
        if (Files.exists(home)) {
            try (Stream<Path> walk = Files.walk(home)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** {@code skybridge down}, if the CLI is packaged. */
    void down() throws Exception {
        if (Files.exists(REPO.resolve(APPS.get(0)))) {
            Result r = run("down");
            assertEquals(0, r.exit(), r.output());
        }
    }

    /** Starts {@code skybridge args…}; its output goes to {@code out}. */
    Process start(Path out, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", REPO.resolve(APPS.get(0)).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("SKYBRIDGE_REPO", REPO.toString());
        pb.environment().put("SKYBRIDGE_HOME", home.toString());
        pb.environment().put("SKYBRIDGE_PORT_OFFSET", Integer.toString(ports.offset()));
        pb.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        return pb.start();
    }

    /** Runs {@code skybridge args…} to its end (at most 7 minutes) and prints its output. */
    Result run(String... args) throws Exception {
        Path out = Files.createTempFile("skybridge-e2e", ".log");
        Process p = start(out, args);
        return finish(p, out, Duration.ofMinutes(7));
    }

    static Result finish(Process p, Path out, Duration timeout) throws Exception {
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(out);
        System.out.println(output);
        return new Result(done ? p.exitValue() : -1, output);
    }

    /** The pid of a part of the stack. */
    long pid(String part) throws IOException {
        return Long.parseLong(Files.readString(home.resolve("pids/" + part + ".pid")).trim());
    }

    /** Whether this part of the stack is running (an earlier scenario may have killed it). */
    boolean alive(String part) {
        try {
            return ProcessHandle.of(pid(part)).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Whether this replica ({@code failover}, {@code failover-2}) says it leads its service's Lease (readiness check). */
    boolean leads(String replica) {
        int dash = replica.lastIndexOf('-');
        boolean second = dash > 0 && replica.substring(dash + 1).matches("[0-9]+");
        String service = second ? replica.substring(0, dash) : replica;
        int port = ports.service(service) + (second ? 10 * (Integer.parseInt(replica.substring(dash + 1)) - 1) : 0);
        try {
            com.fasterxml.jackson.databind.JsonNode body = new io.skybridge.cli.rest.HttpJson()
                    .get("http://127.0.0.1:" + port + "/q/health/ready").body();
            if (body != null) {
                for (com.fasterxml.jackson.databind.JsonNode c : body.path("checks")) {
                    if ("leader-election".equals(c.path("name").asText()) && c.path("data").path("leader").asBoolean()) {
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            // not running (killed), stopped, or not up yet
        }
        return false;
    }

    /** The replica of {@code service} (of two) that leads, if one says so. */
    java.util.Optional<String> leader(String service) {
        return Stream.of(service, service + "-2").filter(this::leads).findFirst();
    }

    String kafka() {
        return "127.0.0.1:" + ports.kafka();
    }

    /** Every record of {@code topics} from the beginning. */
    List<EventRecord> readAll(List<String> topics) {
        List<EventRecord> all = new ArrayList<>();
        try (EventStream stream = new EventStream(kafka(), topics, true)) {
            List<EventRecord> batch;
            do {
                batch = stream.poll(Duration.ofSeconds(2));
                all.addAll(batch);
            } while (!batch.isEmpty());
        }
        return all;
    }

    static EventRecord one(List<EventRecord> events, Predicate<EventRecord> p) {
        List<EventRecord> matches = events.stream().filter(p).toList();
        assertEquals(1, matches.size(), "exactly one matching event, got " + matches.stream().map(EventRecord::name).toList());
        return matches.get(0);
    }

    static String idOf(List<EventRecord> intents, String name) {
        return one(intents, e -> e.name().equals(name)).id();
    }

    static long count(List<EventRecord> events, Predicate<EventRecord> p) {
        return events.stream().filter(p).count();
    }
}

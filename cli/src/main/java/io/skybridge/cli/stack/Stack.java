package io.skybridge.cli.stack;

import io.skybridge.cli.Console;
import io.skybridge.cli.Console.Colour;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The local stack: Kafka, PostgreSQL and the emulator first, then the four services, each a separate
 * process. {@link #up} starts what is not running and waits for readiness with progress;
 * {@link #down} stops everything in reverse order.
 */
public final class Stack {
    public static final List<String> INFRASTRUCTURE = List.of("kafka", "postgres", "emulator");
    private final StackContext ctx;
    private final ProcessSupervisor supervisor;
    private final Console console;

    public Stack(StackContext ctx, Console console) {
        this.ctx = ctx;
        this.supervisor = new ProcessSupervisor(ctx.state());
        this.console = console;
    }

    public static List<String> allNames() {
        return allNames(1);
    }

    /** The infrastructure and {@code replicas} replicas of every service. */
    public static List<String> allNames(int replicas) {
        return Stream.concat(INFRASTRUCTURE.stream(), ServiceComponent.names(replicas).stream()).toList();
    }

    public static Component component(String name) {
        return switch (name) {
            case "kafka" -> new KafkaComponent();
            case "postgres" -> new PostgresComponent();
            case "emulator" -> new EmulatorComponent();
            default -> {
                ServiceComponent service = ServiceComponent.parse(name);
                if (service == null) {
                    throw new IllegalArgumentException("unknown part '" + name + "': one of " + String.join(",", allNames())
                            + " (or a replica such as failover-2)");
                }
                yield service;
            }
        };
    }

    /** Parses {@code --only a,b}: every part when empty. */
    public static List<String> select(List<String> only) {
        return select(only, 1);
    }

    /** Parses {@code --only a,b} with {@code replicas} replicas of each service: every part when empty. */
    public static List<String> select(List<String> only, int replicas) {
        if (only == null || only.isEmpty()) {
            return allNames(replicas);
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String o : only) {
            for (String n : o.split(",")) {
                if (!n.isBlank()) {
                    component(n.trim());
                    wanted.add(n.trim());
                }
            }
        }
        List<String> known = allNames(ServiceComponent.MAX_REPLICAS);
        return known.stream().filter(wanted::contains).toList();
    }

    public boolean running(String name) {
        return supervisor.running(name).isPresent();
    }

    /** Starts the parts that are not running, infrastructure first, and waits until each is ready. */
    public void up(List<String> names, Duration timeout) throws Exception {
        List<String> infra = names.stream().filter(INFRASTRUCTURE::contains).toList();
        List<String> services = names.stream().filter(n -> !INFRASTRUCTURE.contains(n)).toList();
        startAndWait(infra, timeout);
        startAndWait(services, timeout);
    }

    private void startAndWait(List<String> names, Duration timeout) throws Exception {
        if (names.isEmpty()) {
            return;
        }
        List<Component> pending = new ArrayList<>();
        for (String n : names) {
            Component c = component(n);
            if (running(n) && c.ready(ctx)) {
                console.println(console.paint(Colour.DIM, "  " + pad(n) + " already running (pid " + ctx.state().pid(n).orElse(-1L) + ")"));
                continue;
            }
            if (!running(n)) {
                c.prepare(ctx);
                long pid = supervisor.start(c, ctx).pid();
                console.println("  " + pad(n) + " starting (pid " + pid + ", log " + ctx.state().log(n) + ")");
            }
            pending.add(c);
        }
        waitForReadiness(pending, timeout);
    }

    private void waitForReadiness(List<Component> pending, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long lastProgress = start;
        List<Component> waiting = new ArrayList<>(pending);
        while (!waiting.isEmpty()) {
            for (Component c : List.copyOf(waiting)) {
                if (!running(c.name())) {
                    throw new IllegalStateException(c.name() + " exited during start: see " + ctx.state().log(c.name()));
                }
                if (c.ready(ctx)) {
                    c.afterReady(ctx);
                    waiting.remove(c);
                    console.println("  " + console.paint(Colour.GREEN, "✓ ") + pad(c.name()) + " ready in "
                            + seconds(System.nanoTime() - start) + "  " + c.endpoint(ctx));
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready after " + timeout.toSeconds() + " s: "
                        + String.join(", ", waiting.stream().map(Component::name).toList()) + " (logs in " + ctx.state().logs() + ")");
            }
            if (System.nanoTime() - lastProgress > Duration.ofSeconds(5).toNanos()) {
                lastProgress = System.nanoTime();
                console.println(console.paint(Colour.DIM, "  … waiting for " + String.join(", ",
                        waiting.stream().map(Component::name).toList()) + " (" + seconds(lastProgress - start) + ")"));
            }
            Thread.sleep(300);
        }
    }

    /** Stops every running part, services first. @return the names stopped */
    public List<String> down() {
        List<String> order = new ArrayList<>(ServiceComponent.names(ServiceComponent.MAX_REPLICAS));
        order.add("emulator");
        order.add("postgres");
        order.add("kafka");
        List<String> stopped = new ArrayList<>();
        for (String n : order) {
            if (supervisor.stop(n, Duration.ofSeconds(20))) {
                stopped.add(n);
                console.println("  " + pad(n) + " stopped");
            }
        }
        return stopped;
    }

    public void printEndpoints(List<String> names) {
        for (String n : names) {
            console.println("  " + pad(n) + (running(n) ? component(n).endpoint(ctx) : console.paint(Colour.RED, "not running")));
        }
        console.println("  " + pad("state") + ctx.state().root() + "  (logs " + ctx.state().logs() + ")");
    }

    private static String pad(String s) {
        return String.format("%-13s", s);
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}

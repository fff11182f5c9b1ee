package io.skybridge.cli.commands;

import io.skybridge.cli.Console;
import io.skybridge.cli.ExitCodes;
import io.skybridge.cli.GlobalOptions;
import io.skybridge.cli.events.EventFormatter;
import io.skybridge.cli.events.EventRecord;
import io.skybridge.cli.events.EventStream;
import io.skybridge.cli.events.StatusTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Tail the status topics: one readable line per event (colours on a terminal only), or JSON lines.",
                "Default topics: skybridge.{networking,provisioning,failover,inventory}.events."})
public class WatchCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", description = "topic to tail instead of the defaults (repeatable)")
    List<String> topics = new ArrayList<>();

    @Option(names = "--observations", description = "also tail skybridge.health.observations")
    boolean observations;

    @Option(names = {"-c", "--correlation"}, paramLabel = "ID", description = "only the events of this story (ce_correlationid)")
    String correlation;

    @Option(names = "--type", paramLabel = "NAME", description = "only events of these types, e.g. NodeJoined (repeatable)")
    List<String> types = new ArrayList<>();

    @Option(names = "--json", description = "one JSON object per line: topic, partition, offset, key, headers, payload")
    boolean json;

    @Option(names = "--from-beginning", description = "start at the beginning of the topics instead of now")
    boolean fromBeginning;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "stop after N events")
    Integer limit;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "stop after this many seconds")
    Integer timeoutSeconds;

    @Override
    public Integer call() {
        Console console = Console.system();
        List<String> wanted = !topics.isEmpty() ? topics
                : observations ? StatusTopics.eventsAndObservations() : StatusTopics.events();
        EventFormatter formatter = new EventFormatter(console);
        boolean jsonLines = json || global.json();
        long deadline = timeoutSeconds == null ? Long.MAX_VALUE : System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        int printed = 0;
        try (EventStream stream = new EventStream(global.kafka(), wanted, fromBeginning)) {
            if (!jsonLines) {
                console.err().println("watching " + String.join(", ", wanted) + (correlation != null ? " for " + correlation : "")
                        + " (Ctrl-C to stop)");
            }
            while (System.nanoTime() < deadline && (limit == null || printed < limit)) {
                for (EventRecord e : stream.poll(Duration.ofMillis(300))) {
                    if (!matches(e)) {
                        continue;
                    }
                    console.println(jsonLines ? e.toJson().toString() : formatter.line(e));
                    if (limit != null && ++printed >= limit) {
                        break;
                    }
                }
            }
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            console.error("✗ " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    boolean matches(EventRecord e) {
        return (correlation == null || correlation.equals(e.correlationId()))
                && (types.isEmpty() || types.contains(e.name()));
    }
}

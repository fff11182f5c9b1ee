package io.skybridge.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.cli.Console;
import io.skybridge.cli.ExitCodes;
import io.skybridge.cli.GlobalOptions;
import io.skybridge.cli.events.EventRecord;
import io.skybridge.cli.events.IntentFollower;
import io.skybridge.cli.events.Outcome;
import io.skybridge.cli.intent.InvalidIntentException;
import io.skybridge.cli.intent.PreparedIntent;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.failover.FailoverDrillRequested;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Dry-run failover plan: publishes FailoverDrillRequested{dryRun=true} and prints the",
                "FailoverPlanComputed that answers it: what would move, the capacity deficit, the estimated RTO.",
                "Nothing is touched."})
public class DrillCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Option(names = "--from", required = true, paramLabel = "CLOUD", description = "the cloud assumed lost: aws or gcp")
    String from;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60")
    int timeoutSeconds;

    @Override
    public Integer call() {
        IntentPublication publication = new IntentPublication(global);
        Console console = publication.console();
        ObjectNode payload = ContractJson.mapper().createObjectNode();
        payload.put("drillId", "drill-" + UUID.randomUUID().toString().substring(0, 8));
        payload.put("from", from);
        payload.put("dryRun", true);
        try {
            PreparedIntent intent = publication.prepare(MessageCatalog.of(FailoverDrillRequested.class), payload);
            IntentFollower.Result result = new IntentFollower(global.kafka())
                    .sendAndFollow(intent, Duration.ofSeconds(timeoutSeconds), e -> { });
            if (result.outcome() == Outcome.PENDING) {
                console.error("✗ no plan within " + timeoutSeconds + " s (is the failover service up?)");
                return ExitCodes.TIMEOUT;
            }
            EventRecord last = result.last();
            if (result.outcome() == Outcome.FAILED) {
                console.error("✗ " + last.name() + ": " + last.payload());
                return ExitCodes.FAILED;
            }
            if (global.json()) {
                console.println(last.payload().toString());
            } else {
                new PlanPrinter(console).print(last.payload());
            }
            return ExitCodes.OK;
        } catch (InvalidIntentException e) {
            return publication.reportInvalid(e);
        } catch (IllegalStateException | IllegalArgumentException | org.apache.kafka.common.KafkaException e) {
            console.error("✗ " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    /** Prints a FailoverPlanComputed for people. */
    public static final class PlanPrinter {
        private final Console console;

        public PlanPrinter(Console console) {
            this.console = console;
        }

        public void print(JsonNode plan) {
            console.println("plan " + plan.path("incidentId").asText() + (plan.path("dryRun").asBoolean() ? " (dry run)" : "")
                    + ": " + plan.path("from").asText() + " → " + plan.path("to").asText());
            JsonNode moves = plan.path("moves");
            console.println("  moves (" + moves.size() + "):");
            for (JsonNode m : moves) {
                console.println(String.format("    %-40s %2d replica(s)  %s  priority %d → %s",
                        m.path("workloadId").asText(), m.path("replicas").asInt(), amount(m.path("perReplica")),
                        m.path("priority").asInt(), m.path("targetCloud").asText()));
            }
            console.println("  capacity deficit: " + amount(plan.path("deficit")));
            JsonNode nodes = plan.path("nodeRequests");
            console.println("  node requests (" + nodes.size() + "):");
            for (JsonNode n : nodes) {
                console.println("    +" + n.path("additionalNodes").asInt() + " × " + n.path("machineType").asText()
                        + " in pool " + n.path("poolId").asText() + " (" + n.path("cloud").asText() + " "
                        + n.path("region").asText() + ")");
            }
            console.println("  estimated RTO: " + plan.path("estimatedRtoSeconds").asInt() + " s");
        }

        static String amount(JsonNode a) {
            if (a == null || a.isMissingNode() || a.isNull()) {
                return "-";
            }
            StringBuilder b = new StringBuilder();
            a.fields().forEachRemaining(f -> b.append(b.isEmpty() ? "" : " ").append(f.getKey()).append('=').append(f.getValue().asText()));
            return b.toString();
        }
    }
}

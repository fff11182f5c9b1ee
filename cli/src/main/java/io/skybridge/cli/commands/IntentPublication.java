package io.skybridge.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.cli.Console;
import io.skybridge.cli.Console.Colour;
import io.skybridge.cli.ExitCodes;
import io.skybridge.cli.GlobalOptions;
import io.skybridge.cli.events.EventFormatter;
import io.skybridge.cli.events.IntentFollower;
import io.skybridge.cli.events.Outcome;
import io.skybridge.cli.intent.IntentFactory;
import io.skybridge.cli.intent.InvalidIntentException;
import io.skybridge.cli.intent.PreparedIntent;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.MessageType;

import java.time.Duration;

/** The part every intent-sending command shares: validate, send, print the id, optionally follow to the end. */
final class IntentPublication {
    private final GlobalOptions global;
    private final Console console = Console.system();

    IntentPublication(GlobalOptions global) {
        this.global = global;
    }

    Console console() {
        return console;
    }

    PreparedIntent prepare(MessageType type, ObjectNode payload) {
        return IntentFactory.prepare(type, payload, global.principal());
    }

    int publish(PreparedIntent intent, boolean await, int timeoutSeconds) {
        IntentFollower follower;
        try {
            follower = new IntentFollower(global.kafka());
        } catch (IllegalArgumentException e) { // an unreadable --kafka-config, a --kafka-property without '='
            console.error("✗ " + e.getMessage() + "; nothing was sent");
            return ExitCodes.INVALID;
        }
        try {
            if (!await) {
                follower.send(intent);
                printSent(intent);
                return ExitCodes.OK;
            }
            EventFormatter formatter = new EventFormatter(console);
            IntentFollower.Result result = follower.sendAndFollow(intent, Duration.ofSeconds(timeoutSeconds), () -> printSent(intent), e -> {
                if (global.json()) {
                    console.println(e.toJson().toString());
                } else {
                    console.println("  " + formatter.line(e));
                }
            });
            return report(intent, result, timeoutSeconds);
        } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
            console.error("✗ " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    void printSent(PreparedIntent intent) {
        if (global.json()) {
            ObjectNode n = ContractJson.mapper().createObjectNode();
            n.put("intentId", intent.id());
            n.put("type", intent.type().ceType());
            n.put("topic", intent.topic());
            n.put("key", intent.key());
            n.put("traceId", intent.traceId());
            console.println(n.toString());
        } else {
            console.println(intent.id());
            console.err().println("sent " + intent.type().name() + " to " + intent.topic() + " (key " + intent.key() + ", trace "
                    + intent.traceId() + ")");
        }
    }

    private int report(PreparedIntent intent, IntentFollower.Result result, int timeoutSeconds) {
        if (result.outcome() == Outcome.PENDING) {
            console.error("✗ no terminal event for " + intent.id() + " within " + timeoutSeconds + " s");
            return ExitCodes.TIMEOUT;
        }
        String end = result.last().name();
        if (result.outcome() == Outcome.SUCCEEDED) {
            if (!global.json()) {
                console.println(console.paint(Colour.GREEN, "✓ " + end));
            }
            return ExitCodes.OK;
        }
        console.error("✗ " + end + (result.last().text("reason") != null ? ": " + result.last().text("reason") : ""));
        return ExitCodes.FAILED;
    }

    int reportInvalid(InvalidIntentException e) {
        console.error("✗ " + e.getMessage());
        e.violations().forEach(v -> console.err().println("  - " + v));
        return ExitCodes.INVALID;
    }
}

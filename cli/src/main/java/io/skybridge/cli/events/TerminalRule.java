package io.skybridge.cli.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.skybridge.contracts.MessageType;

import java.util.Set;

/**
 * When the story of one intent is over. Fed every event correlated to the intent, in order.
 * {@code IntentRejected} always ends it (failed). A node pool scale ends when {@code desired} nodes
 * have an outcome (joined or failed); the other intents end on their one terminal event.
 */
public final class TerminalRule {
    private final Set<String> success;
    private final Set<String> failure;
    private final int outcomesNeeded;
    private int joined;
    private int failed;

    private TerminalRule(Set<String> success, Set<String> failure, int outcomesNeeded) {
        this.success = success;
        this.failure = failure;
        this.outcomesNeeded = outcomesNeeded;
    }

    public static TerminalRule forIntent(MessageType intent, JsonNode payload) {
        return switch (intent.name()) {
            case "NetworkLinkRequested" -> of(Set.of("NetworkLinkEstablished"), Set.of("NetworkLinkFailed"));
            case "NetworkLinkTeardownRequested" -> of(Set.of("NetworkLinkTornDown"), Set.of("NetworkLinkFailed"));
            case "NetworkLinkIsolationRequested" -> of(Set.of("NetworkLinkIsolated"), Set.of("NetworkLinkFailed"));
            case "NetworkLinkRestorationRequested" -> of(Set.of("NetworkLinkRestored"), Set.of("NetworkLinkFailed"));
            case "NodePoolScaleRequested" -> new TerminalRule(Set.of("NodeJoined"), Set.of("NodeProvisioningFailed"),
                    Math.max(1, payload.path("desired").asInt(1)));
            case "NodeDecommissionRequested" -> of(Set.of("NodeDecommissioned"), Set.of());
            case "OutageDeclarationRequested" -> of(Set.of("OutageDeclared"), Set.of());
            case "OutageClearanceRequested" -> of(Set.of("OutageCleared"), Set.of());
            case "FailoverDrillRequested" -> payload.path("dryRun").asBoolean(true)
                    ? of(Set.of("FailoverPlanComputed"), Set.of("FailoverFailed"))
                    : of(Set.of("FailoverCompleted"), Set.of("FailoverFailed"));
            case "FailbackRequested" -> of(Set.of("FailbackCompleted"), Set.of("FailoverFailed", "FailbackFailed"));
            case "CloudAccountRegistrationRequested" -> of(Set.of("CloudAccountRegistered"), Set.of());
            default -> of(Set.of("IntentAccepted"), Set.of());
        };
    }

    private static TerminalRule of(Set<String> success, Set<String> failure) {
        return new TerminalRule(success, failure, 1);
    }

    public Outcome accept(EventRecord e) {
        String name = e.name();
        if (name.equals("IntentRejected")) {
            return Outcome.FAILED;
        }
        if (outcomesNeeded > 1 || success.contains("NodeJoined")) {
            if (success.contains(name)) {
                joined++;
            } else if (failure.contains(name)) {
                failed++;
            }
            if (joined + failed >= outcomesNeeded) {
                return failed == 0 ? Outcome.SUCCEEDED : Outcome.FAILED;
            }
            return Outcome.PENDING;
        }
        if (success.contains(name)) {
            return Outcome.SUCCEEDED;
        }
        return failure.contains(name) ? Outcome.FAILED : Outcome.PENDING;
    }

    public Set<String> terminalEvents() {
        var all = new java.util.TreeSet<>(success);
        all.addAll(failure);
        all.add("IntentRejected");
        return all;
    }
}

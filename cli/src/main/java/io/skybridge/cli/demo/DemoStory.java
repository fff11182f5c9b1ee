package io.skybridge.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.cli.Console;
import io.skybridge.cli.commands.DrillCommand;
import io.skybridge.cli.events.EventFormatter;
import io.skybridge.cli.events.EventRecord;
import io.skybridge.cli.events.Outcome;
import io.skybridge.cli.events.TerminalRule;
import io.skybridge.cli.intent.IntentFactory;
import io.skybridge.cli.intent.IntentSender;
import io.skybridge.cli.intent.IntentTypes;
import io.skybridge.cli.intent.PreparedIntent;
import io.skybridge.cli.rest.EmulatorControl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cross-cloud story, every step checked against the status topics and the cluster:
 * link the VPCs, raise a node pool per cloud, deploy managed workloads, black out AWS, watch the
 * detection, the plan, the new GCP nodes and every move, print the timeline and RTO, restore AWS
 * and ask for failback.
 */
public final class DemoStory {
    /** Event types worth a line in the demo's live output (the rest is in `skybridge watch`). */
    private static final Set<String> SHOWN = Set.of("IntentAccepted", "IntentRejected", "NetworkLinkEstablished",
            "NetworkLinkFailed", "NetworkLinkDegraded", "NodeProvisioned", "NodeJoined", "NodeProvisioningFailed",
            "OutageDeclared", "OutageCleared", "FailoverPlanComputed", "FailoverStarted", "WorkloadMigrated",
            "FailoverCompleted", "FailoverFailed", "FailbackCompleted", "NetworkLinkIsolated", "NetworkLinkRestored");

    private final DemoSettings settings;
    private final Console console;
    private final StepLog log;
    private final EventFormatter formatter;
    private final List<PreparedIntent> sent = new ArrayList<>();

    public DemoStory(DemoSettings settings, Console console) {
        this.settings = settings;
        this.console = console;
        this.log = new StepLog(console);
        this.formatter = new EventFormatter(console);
    }

    public StepLog log() {
        return log;
    }

    /** The intents the demo published (for the end-to-end test's lost/duplicate check). */
    public List<PreparedIntent> sent() {
        return List.copyOf(sent);
    }

    public boolean run() throws Exception {
        try (StoryEvents events = new StoryEvents(settings.bootstrapServers(), this::show);
             Cluster cluster = new Cluster(settings.kubeUrl());
             IntentSender sender = new IntentSender(settings.bootstrapServers())) {
            if (!foundations(events, sender, cluster)) {
                return false;
            }
            Optional<String[]> incident = blackoutAndFailover(events, cluster);
            if (incident.isPresent()) {
                restoreAndFailback(events, sender, cluster, incident.get()[0], Long.parseLong(incident.get()[1]));
            }
            checkNoIntentLostOrDuplicated(events);
            return log.allOk();
        }
    }

    private void show(EventRecord e) {
        if (SHOWN.contains(e.name())) {
            console.println("      " + formatter.line(e));
        }
    }

    private boolean foundations(StoryEvents events, IntentSender sender, Cluster cluster) throws InterruptedException {
        log.heading("Linking AWS VPC 10.200.0.0/16 and GCP VPC 10.201.0.0/16; a node pool in each cloud");
        Map<PreparedIntent, TerminalRule> stories = new LinkedHashMap<>();
        for (ObjectNode p : List.of(DemoIntents.link(), DemoIntents.awsPool(), DemoIntents.gcpPool())) {
            String type = p.has("linkId") ? "NetworkLinkRequested" : "NodePoolScaleRequested";
            PreparedIntent intent = publish(sender, type, p);
            stories.put(intent, TerminalRule.forIntent(intent.type(), p));
        }
        boolean ok = true;
        for (Map.Entry<PreparedIntent, TerminalRule> s : stories.entrySet()) {
            ok &= follow(events, s.getKey(), s.getValue(), settings.stepTimeout());
        }
        if (!ok) {
            return false;
        }
        log.heading("Deploying " + DemoWorkload.ALL.size() + " managed workloads (skybridge.io/managed=true) with fabric8");
        cluster.deploy(DemoWorkload.ALL);
        boolean placed = waitFor(() -> cluster.allReadyIn(DemoWorkload.ALL, null), settings.stepTimeout());
        printPlacement(cluster);
        return log.check(placed, "every replica Ready on its preferred cloud", "nodes " + cluster.readyNodes());
    }

    private Optional<String[]> blackoutAndFailover(StoryEvents events, Cluster cluster) throws Exception {
        log.heading("Blacking out AWS in the emulator (its APIs answer 503, its VMs stop heartbeating)");
        Instant blackout = Instant.now();
        new EmulatorControl(settings.emulatorUrl()).blackout("aws", null, "unavailable");
        Optional<EventRecord> declared = events.await(e -> e.name().equals("OutageDeclared")
                && "aws".equals(e.text("cloud")), settings.detectionTimeout());
        if (!log.check(declared.isPresent(), "outage detected",
                declared.map(e -> "incident " + e.text("incidentId") + ", epoch " + e.text("epoch") + ", declared by "
                        + e.text("declaredBy") + ", " + Duration.between(blackout, Instant.now()).toSeconds() + " s after the blackout")
                        .orElse("no OutageDeclared for aws within " + settings.detectionTimeout().toSeconds() + " s"))) {
            return Optional.empty();
        }
        String incident = declared.get().text("incidentId");
        String epoch = declared.get().text("epoch");

        Optional<EventRecord> plan = events.await(e -> e.name().equals("FailoverPlanComputed")
                && incident.equals(e.text("incidentId")), settings.stepTimeout());
        if (log.check(plan.isPresent(), "plan computed", "")) {
            new DrillCommand.PlanPrinter(console).print(plan.get().payload());
        }
        Optional<EventRecord> end = events.await(e -> (e.name().equals("FailoverCompleted") || e.name().equals("FailoverFailed"))
                && incident.equals(e.text("incidentId")), settings.failoverTimeout());
        boolean completed = end.isPresent() && end.get().name().equals("FailoverCompleted");
        log.check(completed, "failover completed", end.map(e -> completed
                ? e.text("workloadsMigrated") + " workload(s) migrated to " + e.text("to") + ", RTO " + e.text("rtoMillis") + " ms"
                : e.name() + " " + e.payload()).orElse("no FailoverCompleted in time"));
        long surgeNodes = events.count(e -> e.name().equals("NodeJoined") && incident.equals(e.correlationId()));
        log.check(surgeNodes > 0 || plan.map(p -> p.payload().path("nodeRequests").isEmpty()).orElse(false),
                "new GCP capacity joined", surgeNodes + " node(s) joined for the incident; ready nodes now " + cluster.readyNodes());
        long migrated = events.count(e -> e.name().equals("WorkloadMigrated") && incident.equals(e.text("incidentId")));
        long awsWorkloads = DemoWorkload.ALL.stream().filter(w -> w.cloud().equals("aws")).count();
        log.check(migrated == awsWorkloads, "every AWS workload moved", migrated + "/" + awsWorkloads + " WorkloadMigrated");
        boolean allOnGcp = waitFor(() -> cluster.allReadyIn(DemoWorkload.ALL, "gcp"), Duration.ofSeconds(30));
        printPlacement(cluster);
        log.check(allOnGcp, "every replica Ready on GCP (checked in the cluster)", "");
        end.filter(e -> completed).ifPresent(e -> printTimeline(e.payload()));
        return Optional.of(new String[] {incident, epoch});
    }

    private void restoreAndFailback(StoryEvents events, IntentSender sender, Cluster cluster, String incident, long epoch)
            throws Exception {
        log.heading("Restoring AWS in the emulator");
        new EmulatorControl(settings.emulatorUrl()).restore("aws", null);
        Optional<EventRecord> cleared = events.await(e -> e.name().equals("OutageCleared")
                && incident.equals(e.text("incidentId")), settings.detectionTimeout());
        log.check(cleared.isPresent(), "outage cleared", cleared.map(e -> "after the stabilisation window").orElse("no OutageCleared in time"));

        log.heading("Failback to the preferred clouds");
        PreparedIntent failback = publish(sender, "FailbackRequested", DemoIntents.failback(incident, epoch));
        // refused: IntentRejected on the intent's own story; done: FailbackCompleted on the incident's story
        Optional<EventRecord> answer = events.await(e -> (failback.id().equals(e.correlationId()) && e.name().equals("IntentRejected"))
                || (incident.equals(e.text("incidentId")) && Set.of("FailbackCompleted", "FailbackFailed").contains(e.name())),
                settings.failoverTimeout());
        if (answer.isPresent() && answer.get().name().equals("FailbackCompleted")) {
            JsonNode done = answer.get().payload();
            log.ok("failback completed", done.path("workloadsRestored").asInt() + " workload(s) restored, "
                    + done.path("nodesReleased").asInt() + " surge node(s) released");
            boolean back = waitFor(() -> cluster.allReadyIn(DemoWorkload.ALL, null), settings.stepTimeout());
            printPlacement(cluster);
            log.check(back, "every replica Ready on its preferred cloud again", "");
        } else if (answer.isPresent() && answer.get().name().equals("FailbackFailed")) {
            log.fail("failback", answer.get().payload().toString());
        } else {
            String why = answer.map(e -> e.name() + ": " + e.text("reason")).orElse("no answer within "
                    + settings.failoverTimeout().toSeconds() + " s");
            log.note("failback not available in this failover build (" + why + ")",
                    "ask for it when it is: skybridge publish FailbackRequested --set incidentId=" + incident
                            + " --set epoch=" + epoch + " --wait");
        }
    }

    private void checkNoIntentLostOrDuplicated(StoryEvents events) {
        events.drain(Duration.ofSeconds(1));
        List<String> problems = new ArrayList<>();
        for (PreparedIntent i : sent) {
            long answers = events.count(e -> (e.name().equals("IntentAccepted") || e.name().equals("IntentRejected"))
                    && i.id().equals(e.text("intentId")));
            if (answers != 1) {
                problems.add(i.type().name() + " " + i.id() + " answered " + answers + " times");
            }
        }
        Map<String, Long> answersPerIntent = events.history().stream()
                .filter(e -> e.name().equals("IntentAccepted") || e.name().equals("IntentRejected"))
                .collect(java.util.stream.Collectors.groupingBy(e -> String.valueOf(e.text("intentId")), java.util.stream.Collectors.counting()));
        answersPerIntent.forEach((id, n) -> {
            if (n > 1) {
                problems.add("intent " + id + " answered " + n + " times");
            }
        });
        long joined = events.count(e -> e.name().equals("NodeJoined"));
        long distinct = events.history().stream().filter(e -> e.name().equals("NodeJoined")).map(EventRecord::key).distinct().count();
        if (joined != distinct) {
            problems.add((joined - distinct) + " duplicate NodeJoined");
        }
        log.check(problems.isEmpty(), "every intent answered exactly once, no node joined twice",
                problems.isEmpty() ? sent.size() + " intents from the demo, " + answersPerIntent.size() + " answered in all, "
                        + joined + " nodes joined" : String.join("; ", problems));
    }

    private PreparedIntent publish(IntentSender sender, String type, ObjectNode payload) {
        PreparedIntent intent = IntentFactory.prepare(IntentTypes.resolve(type), payload, settings.principal());
        sender.send(intent);
        sent.add(intent);
        log.info("published " + type + " " + intent.key() + "  (intent " + intent.id() + ")");
        return intent;
    }

    private boolean follow(StoryEvents events, PreparedIntent intent, TerminalRule rule, Duration timeout) {
        Outcome[] outcome = {Outcome.PENDING};
        events.await(e -> intent.id().equals(e.correlationId()) && (outcome[0] = rule.accept(e)) != Outcome.PENDING, timeout);
        return log.check(outcome[0] == Outcome.SUCCEEDED, intent.type().name() + " " + intent.key(),
                outcome[0] == Outcome.PENDING ? "no terminal event within " + timeout.toSeconds() + " s" : outcome[0].name().toLowerCase());
    }

    private void printPlacement(Cluster cluster) {
        cluster.placement(DemoWorkload.ALL).forEach((w, perCloud) -> log.info(String.format("%-8s %s", w, perCloud)));
    }

    private void printTimeline(JsonNode completed) {
        JsonNode t = completed.path("timeline");
        log.info("timeline of incident " + completed.path("incidentId").asText() + ":");
        for (String stage : List.of("evidenceFirstSeenAt", "declaredAt", "planComputedAt", "capacityReadyAt", "movesStartedAt", "allReadyAt")) {
            log.info(String.format("  %-20s %s", stage, t.path(stage).isMissingNode() || t.path(stage).isNull() ? "-" : t.path(stage).asText()));
        }
        log.info(String.format("  RTO (declared → all Ready): %.1f s, %d workload(s) migrated%s", completed.path("rtoMillis").asLong() / 1000.0,
                completed.path("workloadsMigrated").asInt(), completed.path("degraded").asBoolean() ? " (degraded)" : ""));
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // the API server may be briefly unavailable: try again
            }
            Thread.sleep(500);
        }
        return false;
    }
}

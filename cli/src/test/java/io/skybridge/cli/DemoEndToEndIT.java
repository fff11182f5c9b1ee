package io.skybridge.cli;

import io.skybridge.cli.demo.Cluster;
import io.skybridge.cli.demo.DemoWorkload;
import io.skybridge.cli.events.EventRecord;
import io.skybridge.cli.events.EventStream;
import io.skybridge.cli.events.StatusTopics;
import io.skybridge.contracts.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's story through the real separate processes: `skybridge demo --reset` (the packaged CLI)
 * starts a Kafka broker, PostgreSQL, the emulator and the four packaged services, each its own JVM,
 * and tells the story. Then this test reads every status topic from the beginning and the cluster
 * itself, and checks what happened — independently of what the demo printed.
 * Ports are shifted by 20000 so that a developer's own stack is left alone.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DemoEndToEndIT {
    static final LocalStackRun STACK = new LocalStackRun("e2e-stack", 20000);
    static final Path HOME = STACK.home;
    static final Ports PORTS = STACK.ports;

    @BeforeAll
    static void packagedApps() throws IOException {
        STACK.prepare();
    }

    @AfterAll
    static void down() throws Exception {
        STACK.down();
    }

    @Test
    void theDemoStoryHappensThroughRealSeparateProcesses() throws Exception {
        long start = System.nanoTime();
        // the console's browser test watches the whole demo, from before the stack is up
        ConsoleBrowser browser = ConsoleBrowser.start("http://127.0.0.1:" + PORTS.inventory() + "/console/",
                Path.of("target", "console-e2e").toAbsolutePath(), 420);
        LocalStackRun.Result demo;
        try {
            demo = STACK.run("demo", "--reset", "--principal", "user:e2e");
        } catch (Exception | Error e) {
            browser.stop();
            throw e;
        }
        assertEquals(0, demo.exit(), "demo exit code; output above");
        assertTrue(demo.output().contains("Console: http://127.0.0.1:" + PORTS.inventory() + "/console/"), "the demo prints the console");
        assertTrue(demo.output().contains("✓ every replica Ready on GCP (checked in the cluster)"), "placement after failover");

        // every part ran as its own process
        for (String part : List.of("kafka", "postgres", "emulator", "inventory", "networking", "provisioning", "failover")) {
            long pid = STACK.pid(part);
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), part + " runs as pid " + pid);
            assertFalse(pid == ProcessHandle.current().pid());
        }

        List<EventRecord> events = STACK.readAll(StatusTopics.events());
        List<EventRecord> intents = STACK.readAll(Topics.SERVICE_DOMAINS.stream().map(Topics::intents).toList());

        // terminal events of the story
        // established for its intent (and again when AWS came back: the tunnels re-establish on the same story)
        assertTrue(LocalStackRun.count(events, e -> e.name().equals("NetworkLinkEstablished") && "demo-link".equals(e.key())
                && e.correlationId().equals(LocalStackRun.idOf(intents, "NetworkLinkRequested"))) >= 1, "link established for its intent");
        assertEquals(0, LocalStackRun.count(events, e -> e.name().equals("NetworkLinkFailed")));
        EventRecord declared = LocalStackRun.one(events, e -> e.name().equals("OutageDeclared") && "aws".equals(e.text("cloud")));
        assertEquals("false", declared.text("manual"), "detected by the quorum, not declared by hand");
        String incident = declared.text("incidentId");
        EventRecord completed = LocalStackRun.one(events, e -> e.name().equals("FailoverCompleted") && incident.equals(e.text("incidentId")));
        assertEquals("gcp", completed.text("to"));
        assertEquals(3, completed.payload().get("workloadsMigrated").asInt());
        assertTrue(completed.payload().get("rtoMillis").asLong() > 0);
        assertEquals(Set.of("demo/Deployment/web", "demo/Deployment/api", "demo/Deployment/worker"),
                events.stream().filter(e -> e.name().equals("WorkloadMigrated") && incident.equals(e.text("incidentId")))
                        .map(e -> e.text("workloadId")).collect(Collectors.toSet()));
        assertTrue(LocalStackRun.count(events, e -> e.name().equals("NodeJoined") && "gcp".equals(e.text("cloud"))
                && incident.equals(e.correlationId())) >= 1, "surge capacity joined in GCP");
        LocalStackRun.one(events, e -> e.name().equals("OutageCleared") && incident.equals(e.text("incidentId")));
        EventRecord failback = LocalStackRun.one(events, e -> e.name().equals("FailbackCompleted") && incident.equals(e.text("incidentId")));
        assertEquals(3, failback.payload().get("workloadsRestored").asInt());

        // placement after failback, read from the cluster: every replica Ready on its preferred cloud
        try (Cluster cluster = new Cluster("http://127.0.0.1:" + PORTS.kube())) {
            Map<String, Map<String, Integer>> placement = cluster.placement(DemoWorkload.ALL);
            for (DemoWorkload w : DemoWorkload.ALL) {
                assertEquals(Map.of(w.cloud(), w.replicas()), placement.get(w.name()), w.name() + " after failback: " + placement);
            }
        }

        // no intent lost or duplicated: each intent on the intents topics answered exactly once, no id twice
        assertFalse(intents.isEmpty());
        Map<String, Long> answers = events.stream().filter(e -> e.name().equals("IntentAccepted") || e.name().equals("IntentRejected"))
                .collect(Collectors.groupingBy(e -> e.text("intentId"), Collectors.counting()));
        for (EventRecord intent : intents) {
            assertEquals(1L, answers.getOrDefault(intent.id(), 0L), intent.name() + " " + intent.id() + " answered once");
        }
        assertEquals(intents.size(), intents.stream().map(EventRecord::id).distinct().count(), "no intent sent twice");
        assertEquals(LocalStackRun.count(events, e -> e.name().equals("NodeJoined")),
                events.stream().filter(e -> e.name().equals("NodeJoined")).map(EventRecord::key).distinct().count(), "no node joined twice");
        assertEquals(0, LocalStackRun.count(events, e -> e.name().equals("IntentRejected")), "nothing rejected");

        System.out.printf("demo story end to end: %.0f s%n", (System.nanoTime() - start) / 1e9);

        theConsoleShowedTheFailoverLive(browser.finish(120), incident, completed);

        oneCompromiseFailoverIsOneTraceAcrossTheFourServices();
    }

    /**
     * What the browser saw in the console during the demo: the incident appeared, its stages were reached while the
     * page was open, the RTO it showed is FailoverCompleted's, the workloads page showed every replica on GCP, and the
     * incident links to its trace.
     */
    private static void theConsoleShowedTheFailoverLive(com.fasterxml.jackson.databind.JsonNode seen, String incident,
                                                        EventRecord completed) {
        System.out.println("console browser test: " + seen);
        assertEquals(incident, seen.path("incidentId").asText(), "the incident appeared in the console");
        assertEquals(completed.payload().get("rtoMillis").asLong(), seen.path("rtoShownMillis").asLong(),
                "the RTO shown is FailoverCompleted.rtoMillis");
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f s", completed.payload().get("rtoMillis").asLong() / 1000.0),
                seen.path("rtoText").asText());
        assertEquals("COMPLETED", seen.path("runStatus").asText());
        List<String> pending = new ArrayList<>();
        seen.path("stagesFirstSeenPending").forEach(s -> pending.add(s.asText()));
        assertTrue(pending.contains("completed") && pending.contains("verified"),
                "the page was open while the failover ran, and its steps advanced live: pending first " + pending);
        for (String stage : List.of("evidence", "declared", "plan", "capacity", "cordon", "moves", "verified", "completed")) {
            assertTrue(seen.path("stagesReachedAtMs").has(stage), stage + " reached on the page: " + seen.path("stagesReachedAtMs"));
        }
        int replicas = DemoWorkload.ALL.stream().mapToInt(DemoWorkload::replicas).sum();
        assertEquals(0, seen.path("replicasAfterFailover").path("aws").asInt(), "no replica left on AWS in the workloads view");
        assertEquals(replicas, seen.path("replicasAfterFailover").path("gcp").asInt(), "every replica on GCP in the workloads view");
        seen.path("placements").forEach(p -> assertEquals(0, p.path("aws").asInt(), "placement " + p));
        assertTrue(seen.path("incidentEvents").asInt() >= 5, "the incident lists its events");
        assertTrue(seen.path("eventRows").asInt() > 0, "the live event stream shows records");
        assertTrue(seen.path("traceSpans").asInt() > 1, "the incident's trace opens from the console: " + seen.path("traceServices"));
        assertTrue(seen.path("drill").path("id").asText().startsWith("drill-"), "a dry-run drill from the console: " + seen.path("drill"));
        assertTrue(seen.path("drill").path("estimatedRto").asText().matches("[0-9]+ s"), seen.path("drill").toString());
        assertEquals(8, seen.path("screenshots").size());
        seen.path("screenshots").forEach(f -> assertTrue(Files.isRegularFile(Path.of(f.asText())), f.asText()));
        assertEquals(0, seen.path("errors").size(), "no script error in the page: " + seen.path("errors"));
    }

    /**
     * After the story, an operator declares AWS compromised with the CLI: the links are isolated (networking), GCP
     * capacity is raised (provisioning), the workloads move, inventory records it all. The CLI starts the trace and
     * prints its id; `skybridge trace` shows that every span of every service is in that one trace.
     */
    private void oneCompromiseFailoverIsOneTraceAcrossTheFourServices() throws Exception {
        LocalStackRun.Result declare = STACK.run("outage", "declare", "aws", "--kind", "COMPROMISE", "--reason", "e2e trace",
                "--principal", "user:e2e", "--output", "json");
        assertEquals(0, declare.exit(), declare.output());
        com.fasterxml.jackson.databind.JsonNode sent = declare.output().lines().filter(l -> l.startsWith("{") && l.contains("traceId"))
                .map(l -> {
                    try {
                        return io.skybridge.contracts.ContractJson.mapper().readTree(l);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).findFirst().orElseThrow(() -> new AssertionError("the CLI printed the trace id: " + declare.output()));
        String intentId = sent.get("intentId").asText();
        String traceId = sent.get("traceId").asText();
        assertTrue(traceId.matches("[0-9a-f]{32}"), traceId);

        EventRecord completed = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (completed == null && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            List<EventRecord> events = STACK.readAll(StatusTopics.events());
            String incident = events.stream().filter(e -> e.name().equals("OutageDeclared") && intentId.equals(e.correlationId()))
                    .map(e -> e.text("incidentId")).findFirst().orElse(null);
            completed = incident == null ? null : events.stream().filter(e -> e.name().equals("FailoverCompleted")
                    && incident.equals(e.text("incidentId"))).findFirst().orElse(null);
        }
        assertNotNull(completed, "the COMPROMISE failover completed");
        String traceparent = completed.headers().get("traceparent");
        assertNotNull(traceparent, "FailoverCompleted carries its trace");
        assertEquals(traceId, traceparent.substring(3, 35), "FailoverCompleted is in the CLI's trace");

        Thread.sleep(1500); // the consumers of FailoverCompleted (inventory) write their spans
        LocalStackRun.Result trace = STACK.run("trace", traceId, "--output", "json");
        assertEquals(0, trace.exit(), trace.output());
        com.fasterxml.jackson.databind.JsonNode spans = io.skybridge.contracts.ContractJson.mapper().readTree(
                trace.output().lines().filter(l -> l.startsWith("[")).findFirst().orElseThrow());
        Set<String> ids = new java.util.HashSet<>();
        Set<String> services = new java.util.TreeSet<>();
        Set<String> names = new java.util.HashSet<>();
        spans.forEach(n -> {
            ids.add(n.get("spanId").asText());
            services.add(n.get("service").asText());
            names.add(n.get("service").asText() + " " + n.get("name").asText());
        });
        assertEquals(Set.of("failover", "inventory", "networking", "provisioning"), services, "one trace across the four services");
        Set<String> outside = new java.util.HashSet<>();
        spans.forEach(n -> {
            assertEquals(traceId, n.get("traceId").asText());
            String parent = n.path("parentSpanId").asText(null);
            if (parent == null || !ids.contains(parent)) {
                outside.add(String.valueOf(parent));
            }
        });
        assertEquals(1, outside.size(), "every span leads back to the CLI's (the one parent not recorded): " + outside);
        for (String expected : List.of("failover process OutageDeclarationRequested", "networking process NetworkLinkIsolationRequested",
                "provisioning process NodePoolScaleRequested", "failover publish FailoverCompleted", "inventory process NodeJoined")) {
            assertTrue(names.contains(expected), expected + " in the trace: " + names);
        }
        STACK.run("trace", traceId); // the tree, for the log
        System.out.printf("COMPROMISE failover: trace %s, %d spans in %s%n", traceId, spans.size(), services);
    }
}

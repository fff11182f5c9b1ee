package io.skybridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.skybridge.cli.events.EventRecord;
import io.skybridge.cli.events.StatusTopics;
import io.skybridge.cli.rest.HttpJson;
import io.skybridge.contracts.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static io.skybridge.cli.LocalStackRun.count;
import static io.skybridge.cli.LocalStackRun.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas of every service (eight service processes) against one broker, PostgreSQL and the emulator, through
 * {@code skybridge demo --replicas 2}: the story holds with exactly-once effects although the failover leader is
 * killed with SIGKILL in the middle of the failover (after CORDON, before the moves completed), and a 10-node
 * scale-up survives the kill of the provisioning leader while its VMs are being launched. Prints the handover
 * times and the RTO.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedStackIT {
    static final LocalStackRun STACK = new LocalStackRun("e2e-replicas", 22000);
    final HttpJson http = new HttpJson();

    @BeforeAll
    static void packagedApps() throws IOException {
        STACK.prepare();
    }

    @AfterAll
    static void down() throws Exception {
        STACK.down();
    }

    @Test
    @Order(1)
    void theStoryHoldsWithTwoReplicasAndTheFailoverLeaderKilledMidFailover() throws Exception {
        Path out = Files.createTempFile("skybridge-replicas", ".log");
        Process demo = STACK.start(out, "demo", "--reset", "--replicas", "2", "--principal", "user:e2e");
        String killed;
        long killedAt;
        try (KubernetesClient kube = kube()) {
            // the failover saga cordons the AWS nodes after the surge capacity is Ready: kill its leader right then
            await(Duration.ofMinutes(6), () -> !demo.isAlive() || cordoned(kube, "aws"), "AWS nodes cordoned");
            assertTrue(demo.isAlive(), "the demo ended before the failover cordoned AWS:\n" + Files.readString(out));
            killed = leader("failover").orElseThrow(() -> new AssertionError("no failover replica leads"));
            killedAt = System.nanoTime();
            assertTrue(ProcessHandle.of(STACK.pid(killed)).orElseThrow().destroyForcibly(), "SIGKILL " + killed);
        }
        String survivor = killed.equals("failover") ? "failover-2" : "failover";
        await(Duration.ofSeconds(30), () -> survivor.equals(leader("failover").orElse(null)), survivor + " leads");
        double handover = (System.nanoTime() - killedAt) / 1e9;
        LocalStackRun.Result result = LocalStackRun.finish(demo, out, Duration.ofMinutes(8));
        assertEquals(0, result.exit(), "demo exit code with " + killed + " killed mid-failover; output above");

        List<EventRecord> events = STACK.readAll(StatusTopics.events());
        List<EventRecord> intents = STACK.readAll(Topics.SERVICE_DOMAINS.stream().map(Topics::intents).toList());
        EventRecord declared = one(events, e -> e.name().equals("OutageDeclared") && "aws".equals(e.text("cloud")));
        String incident = declared.text("incidentId");
        one(events, e -> e.name().equals("FailoverStarted") && incident.equals(e.text("incidentId")));
        EventRecord completed = one(events, e -> e.name().equals("FailoverCompleted") && incident.equals(e.text("incidentId")));
        assertEquals(3, completed.payload().get("workloadsMigrated").asInt());
        assertEquals(Set.of("demo/Deployment/web", "demo/Deployment/api", "demo/Deployment/worker"),
                events.stream().filter(e -> e.name().equals("WorkloadMigrated") && incident.equals(e.text("incidentId")))
                        .map(e -> e.text("workloadId")).collect(Collectors.toSet()));
        assertEquals(3, count(events, e -> e.name().equals("WorkloadMigrated") && incident.equals(e.text("incidentId"))),
                "each workload migrated once");
        one(events, e -> e.name().equals("FailbackCompleted") && incident.equals(e.text("incidentId")));
        EventRecord surge = one(intents, e -> e.name().equals("NodePoolScaleRequested") && incident.equals(e.correlationId())
                && e.payload().path("desired").asInt() > 0);
        assertEquals("gcp", surge.text("cloud"));

        assertExactlyOnce(events, intents);
        bothConsolesShowTheIncidentsWholeStory(incident, events);
        System.out.printf("replicated demo: %s killed with SIGKILL after CORDON; %s took over in %.2f s; RTO %d ms (failover run completed by the new leader)%n",
                killed, survivor, handover, completed.payload().get("rtoMillis").asLong());
    }

    @Test
    @Order(2)
    void aScaleUpSurvivesTheKillOfTheProvisioningLeaderWhileItsVmsLaunch() throws Exception {
        String pool = "scale-ten";
        // every Compute Engine call takes 1.5 s: the launches are in flight when the leader dies
        assertTrue(http.post(control("/control/faults"),
                "{\"cloud\":\"gcp\",\"latencyMillis\":1500}").ok());
        Path payload = Files.createTempFile("scale-ten", ".json");
        Files.writeString(payload, "{\"poolId\":\"" + pool + "\",\"cloud\":\"gcp\",\"region\":\"us-central1\","
                + "\"zones\":[\"us-central1-a\",\"us-central1-b\"],\"machineType\":\"e2-standard-2\",\"min\":0,\"max\":12,\"desired\":10}");
        LocalStackRun.Result published = STACK.run("publish", "NodePoolScaleRequested", "-f", payload.toString(), "--principal", "user:e2e");
        assertEquals(0, published.exit(), published.output());
        await(Duration.ofSeconds(60), () -> launched(pool).size() > 0, "the first VM of " + pool + " launching");
        String killed = leader("provisioning").orElseThrow(() -> new AssertionError("no provisioning replica leads"));
        long killedAt = System.nanoTime();
        int launchedBefore = launched(pool).size();
        assertTrue(ProcessHandle.of(STACK.pid(killed)).orElseThrow().destroyForcibly(), "SIGKILL " + killed);
        String survivor = killed.equals("provisioning") ? "provisioning-2" : "provisioning";
        await(Duration.ofSeconds(30), () -> survivor.equals(leader("provisioning").orElse(null)), survivor + " leads");
        double handover = (System.nanoTime() - killedAt) / 1e9;
        assertTrue(http.delete(control("/control/faults/gcp")).ok());

        await(Duration.ofMinutes(3), () -> count(STACK.readAll(List.of(Topics.events("provisioning"))),
                e -> e.name().equals("NodeJoined") && pool.equals(e.text("poolId"))) >= 10, "10 nodes of " + pool + " joined");
        List<EventRecord> events = STACK.readAll(List.of(Topics.events("provisioning")));
        Set<String> joined = events.stream().filter(e -> e.name().equals("NodeJoined") && pool.equals(e.text("poolId")))
                .map(EventRecord::key).collect(Collectors.toSet());
        assertEquals(10, joined.size(), "10 distinct nodes joined: " + joined);
        List<String> vms = launched(pool);
        assertEquals(10, vms.size(), "exactly 10 VMs inserted in Compute Engine for the pool: " + vms);
        assertEquals(10, Set.copyOf(vms).size(), "no VM inserted twice: " + vms);
        assertEquals(0, emulatorEvents("instance.deleted").stream().filter(n -> n.startsWith(pool)).count(), "no VM deleted");
        System.out.printf("10-node scale-up: %s killed with SIGKILL with %d of 10 VMs launching; %s took over in %.2f s; 10 VMs, 10 joined%n",
                killed, launchedBefore, survivor, handover);
    }

    @Test
    @Order(3)
    void aLeaderPausedPastItsLeaseIsDeposedAndNeverLeadsBesideTheNewOne() throws Exception {
        String paused = leader("networking").orElseThrow(() -> new AssertionError("no networking replica leads"));
        String other = paused.equals("networking") ? "networking-2" : "networking";
        long pid = STACK.pid(paused);
        assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor(), "SIGSTOP " + paused);
        long stoppedAt = System.nanoTime();
        double handover;
        try {
            await(Duration.ofSeconds(30), () -> leads(other), other + " leads while " + paused + " is stopped"); // the stopped one does not answer
            handover = (System.nanoTime() - stoppedAt) / 1e9;
            Thread.sleep(3000); // well past the paused leader's lease
        } finally {
            assertEquals(0, new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor(), "SIGCONT " + paused);
        }
        // resumed, the old leader finds the Lease taken (and any write of its old term refused): one leader only
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int bothLeading = 0;
        while (System.nanoTime() < deadline) {
            boolean first = leads("networking");
            boolean second = leads("networking-2");
            if (first && second) {
                bothLeading++;
            }
            Thread.sleep(100);
        }
        assertEquals(0, bothLeading, "samples in which both replicas said they lead");
        assertEquals(Optional.of(other), leader("networking"), "the new leader keeps the Lease");
        assertFalse(leads(paused), paused + " no longer leads after SIGCONT");
        System.out.printf("SIGSTOP of %s: %s led after %.2f s; after SIGCONT one leader in 200 samples%n", paused, other, handover);
    }

    @Test
    @Order(4)
    void noReplicaActsOrIsReadyWhileTheKubernetesApiIsUnreachable() throws Exception {
        List<String> replicas = io.skybridge.cli.stack.ServiceComponent.names(2).stream().filter(STACK::alive).toList();
        assertTrue(replicas.size() >= 6, "the earlier scenarios killed two replicas at most: " + replicas);
        long pid = STACK.pid("emulator"); // serves the Kubernetes API holding the Leases
        assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor(), "SIGSTOP emulator");
        List<String> leading = new ArrayList<>();
        List<String> ready = new ArrayList<>();
        try {
            Thread.sleep(4500); // past the renew deadline (2.5 s) and a lease duration (3.5 s)
            for (String r : replicas) {
                if (leads(r)) {
                    leading.add(r);
                }
                String status = leaderCheck(r).path("status").asText();
                if (!"DOWN".equals(status)) {
                    ready.add(r + "=" + (status.isEmpty() ? "no answer" : status));
                }
            }
        } finally {
            assertEquals(0, new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor(), "SIGCONT emulator");
        }
        assertEquals(List.of(), leading, "replicas that still said they lead without the Kubernetes API");
        assertEquals(List.of(), ready, "replicas whose leader-election check was not DOWN without the Kubernetes API");
        for (String service : io.skybridge.cli.stack.ServiceComponent.SERVICES) {
            await(Duration.ofSeconds(30), () -> leader(service).isPresent(), service + " has a leader again");
        }
        System.out.printf("Kubernetes API stopped 4.5 s: none of %d running replicas led or was ready; each service led again after SIGCONT%n",
                replicas.size());
    }

    /**
     * Each inventory replica runs its own console feed (read-only, no Lease): both hold every record of the incident,
     * the same ones as the topic, whichever replica a browser reaches.
     */
    private void bothConsolesShowTheIncidentsWholeStory(String incident, List<EventRecord> events) throws Exception {
        long onTopic = count(events, e -> incident.equals(e.key()));
        for (int port : List.of(STACK.ports.inventory(), STACK.ports.inventory() + 10)) {
            String url = "http://127.0.0.1:" + port + "/console/api/feed/history?topic=" + Topics.FAILOVER_EVENTS
                    + "&key=" + incident + "&limit=5000";
            JsonNode records = http.get(url).body();
            Set<String> seen = new java.util.HashSet<>();
            records.forEach(r -> seen.add(r.path("partition").asInt() + "/" + r.path("offset").asLong()));
            long expected = count(events, e -> incident.equals(e.key()) && e.topic().equals(Topics.FAILOVER_EVENTS));
            assertEquals(expected, seen.size(), "console feed of the inventory replica on " + port + " (" + onTopic
                    + " records of the incident on all topics)");
        }
    }

    /** The replica's leader-election readiness check (status UP/DOWN and its data). */
    private JsonNode leaderCheck(String replica) {
        String service = replica.replaceFirst("-2$", "");
        int port = STACK.ports.service(service) + (replica.equals(service) ? 0 : 10);
        try {
            JsonNode body = http.get("http://127.0.0.1:" + port + "/q/health/ready").body();
            if (body != null) {
                for (JsonNode c : body.path("checks")) {
                    if ("leader-election".equals(c.path("name").asText())) {
                        return c;
                    }
                }
            }
        } catch (IOException e) {
            // not answering: reported as such by the caller
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private boolean leads(String replica) {
        return STACK.leads(replica);
    }

    /** Every intent answered exactly once, no intent twice, no node joined twice, a VM per provisioned node. */
    private void assertExactlyOnce(List<EventRecord> events, List<EventRecord> intents) throws IOException {
        assertFalse(intents.isEmpty());
        Map<String, Long> answers = events.stream().filter(e -> e.name().equals("IntentAccepted") || e.name().equals("IntentRejected"))
                .collect(Collectors.groupingBy(e -> e.text("intentId"), Collectors.counting()));
        for (EventRecord intent : intents) {
            assertEquals(1L, answers.getOrDefault(intent.id(), 0L), intent.name() + " " + intent.id() + " answered once");
        }
        assertEquals(intents.size(), intents.stream().map(EventRecord::id).distinct().count(), "no intent sent twice");
        assertEquals(count(events, e -> e.name().equals("NodeJoined")),
                events.stream().filter(e -> e.name().equals("NodeJoined")).map(EventRecord::key).distinct().count(), "no node joined twice");
        assertEquals(0, count(events, e -> e.name().equals("IntentRejected")), "nothing rejected");
        long provisioned = events.stream().filter(e -> e.name().equals("NodeProvisioned")).map(EventRecord::key).distinct().count();
        int vms = emulatorEvents("instance.launched").size() + emulatorEvents("instance.inserted").size();
        assertEquals(provisioned, vms, "one VM launched per provisioned node (no duplicate VM)");
    }

    private static KubernetesClient kube() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + STACK.ports.kube())
                .withRequestTimeout(5_000).withConnectionTimeout(2_000).build()).build();
    }

    private static boolean cordoned(KubernetesClient kube, String cloud) {
        try {
            List<Node> nodes = kube.nodes().withLabel("skybridge.io/cloud", cloud).list().getItems();
            return !nodes.isEmpty() && nodes.stream().allMatch(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable()));
        } catch (RuntimeException e) {
            return false; // the stack is still starting
        }
    }

    /** The replica of {@code service} whose readiness says it leads (replica 1 on the service's port, replica 2 ten above). */
    private Optional<String> leader(String service) {
        return STACK.leader(service);
    }

    private String control(String path) {
        return "http://127.0.0.1:" + STACK.ports.emulatorControl() + path;
    }

    /** The resources of the emulator's events of this type (instance.launched, instance.inserted, instance.deleted). */
    private List<String> emulatorEvents(String type) throws IOException {
        JsonNode body = http.get(control("/control/events?type=" + type)).body();
        List<String> names = new ArrayList<>();
        body.path("events").forEach(e -> {
            if (type.equals(e.path("type").asText())) {
                names.add(e.path("resource").asText());
            }
        });
        return names;
    }

    private List<String> launched(String pool) {
        try {
            return emulatorEvents("instance.inserted").stream().filter(n -> n.startsWith(pool)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertNotEquals(true, System.nanoTime() > deadline, "timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            Thread.sleep(100);
        }
    }
}

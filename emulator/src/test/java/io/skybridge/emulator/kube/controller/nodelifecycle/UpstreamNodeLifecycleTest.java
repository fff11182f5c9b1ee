package io.skybridge.emulator.kube.controller.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.Conditions;
import io.skybridge.emulator.kube.ControlPlane;
import io.skybridge.emulator.kube.Json;
import io.skybridge.emulator.kube.KubeConfig;
import io.skybridge.emulator.kube.KubeStore;
import io.skybridge.emulator.kube.ResourceType;
import io.skybridge.emulator.kube.VmSource;
import io.skybridge.emulator.world.Cloud;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The UPSTREAM node-lifecycle model against the behaviour kube-controller-manager documents for its flags
 * (node-monitor-grace-period, node-eviction-rate, secondary-node-eviction-rate, unhealthy-zone-threshold,
 * large-cluster-size-threshold) and kube-apiserver's default tolerations. Synchronous control-plane steps on a
 * clock the test advances one second at a time: no sleeping, no wall clock.
 */
class UpstreamNodeLifecycleTest {
    static final long T0 = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    final AtomicLong clock = new AtomicLong(T0);
    final Set<Cloud> dark = new HashSet<>();
    final List<VmSource.Vm> vms = new ArrayList<>();
    final KubeConfig cfg = KubeConfig.defaults().upstreamNodeLifecycle().tick(Duration.ZERO).joinDelay(Duration.ZERO)
        .podStartDelay(Duration.ZERO).podTerminationDelay(Duration.ZERO).recordEvents(false);
    final KubeStore store = new KubeStore(clock::get);
    ControlPlane cp;

    final VmSource source = new VmSource() {
        @Override
        public List<Vm> vms() {
            return vms;
        }

        @Override
        public MachineShape machineType(Cloud cloud, String name) {
            return new MachineShape(4, 16384);
        }

        @Override
        public boolean isHeartbeating(Cloud cloud, String region) {
            return !dark.contains(cloud);
        }

        @Override
        public long nowMillis() {
            return clock.get();
        }
    };

    void vm(Cloud cloud, String zone, String name) {
        String region = zone.substring(0, zone.length() - 1);
        vms.add(new VmSource.Vm(cloud, cloud == Cloud.GCP ? "p" : null, region, zone, "i-" + name, name, "m5.xlarge",
            VmSource.VmState.RUNNING, "{\"nodeName\":\"" + name + "\",\"pool\":\"" + cloud.id() + "-pool\"}", "10.0.0.1", null));
    }

    /** One AWS and one GCP VM, joined. */
    void twoClouds() {
        vm(Cloud.AWS, "us-east-1a", "aws-1");
        vm(Cloud.GCP, "us-central1-a", "gcp-1");
        start();
    }

    void start() {
        cp = new ControlPlane(store, source, cfg);
        cp.step();
    }

    /** Advances the clock one second at a time, one control-plane pass per second. */
    void advance(long seconds) {
        for (long i = 0; i < seconds; i++) {
            clock.addAndGet(1000);
            cp.step();
            cp.step();
        }
    }

    long elapsedSeconds() {
        return (clock.get() - T0) / 1000;
    }

    ObjectNode node(String name) {
        return store.find(ResourceType.NODES, null, name);
    }

    boolean tainted(String name, String effect) {
        return Taints.has(node(name), Taints.UNREACHABLE, effect);
    }

    void deployment(String name, int replicas) {
        ObjectNode d = Json.object();
        d.putObject("metadata").put("name", name);
        ObjectNode spec = d.putObject("spec").put("replicas", replicas);
        spec.putObject("selector").putObject("matchLabels").put("app", name);
        ObjectNode tpl = spec.putObject("template");
        tpl.putObject("metadata").putObject("labels").put("app", name);
        tpl.putObject("spec").putArray("containers").addObject().put("name", "app").put("image", "nginx")
            .putObject("resources").putObject("requests").put("cpu", "100m").put("memory", "64Mi");
        store.create(ResourceType.DEPLOYMENTS, "default", d);
    }

    List<ObjectNode> pods(String app) {
        return store.list(ResourceType.PODS).stream().filter(p -> app.equals(p.path("metadata").path("labels").path("app").asText())).toList();
    }

    long runningOn(String app, String nodePrefix) {
        return pods(app).stream().filter(p -> !p.path("metadata").has("deletionTimestamp"))
            .filter(p -> "Running".equals(p.path("status").path("phase").asText()))
            .filter(p -> p.path("spec").path("nodeName").asText().startsWith(nodePrefix)).count();
    }

    void cordon(String name, boolean on) {
        store.mutate(ResourceType.NODES, null, name, n -> ((ObjectNode) n.get("spec")).put("unschedulable", on));
    }

    /** Every replica of {@code app} placed on AWS first (GCP cordoned meanwhile), GCP open afterwards. */
    void placeOnAws(String app, int replicas, String... gcpNodes) {
        for (String g : gcpNodes) {
            cordon(g, true);
        }
        deployment(app, replicas);
        advance(1);
        assertEquals(replicas, runningOn(app, "aws"), "placed on AWS");
        for (String g : gcpNodes) {
            cordon(g, false);
        }
    }

    @Test
    void shouldTaintUnreachableNoScheduleAfterTheGracePeriodAndNoExecuteWithTheFirstToken() {
        twoClouds();
        dark.add(Cloud.AWS);
        advance(49);
        assertEquals("True", Conditions.status(node("aws-1"), "Ready"), "still inside node-monitor-grace-period 50 s");
        assertFalse(tainted("aws-1", Taints.NO_SCHEDULE));
        advance(2);
        assertEquals("Unknown", Conditions.status(node("aws-1"), "Ready"));
        assertTrue(tainted("aws-1", Taints.NO_SCHEDULE));
        assertTrue(tainted("aws-1", Taints.NO_EXECUTE), "the zone's limiter starts with one token (burst 1)");
        assertEquals("True", Conditions.status(node("gcp-1"), "Ready"));
        assertTrue(node("gcp-1").path("spec").path("taints").isMissingNode());
    }

    @Test
    void shouldGiveNewPodsTheDefaultTolerationsOf300sUnlessTheyHaveTheirOwn() {
        start();
        ObjectNode own = Json.object();
        own.putObject("metadata").put("name", "own");
        own.putObject("spec").putArray("tolerations").addObject().put("key", Taints.UNREACHABLE).put("operator", "Exists")
            .put("effect", "NoExecute").put("tolerationSeconds", 7);
        ObjectNode created = store.create(ResourceType.PODS, "default", own);
        JsonNode tolerations = created.path("spec").path("tolerations");
        assertEquals(2, tolerations.size(), tolerations.toString());
        assertEquals(7, tolerations.get(0).path("tolerationSeconds").asLong(), "an explicit toleration is kept");
        assertEquals(Taints.NOT_READY, tolerations.get(1).path("key").asText());
        assertEquals(300, tolerations.get(1).path("tolerationSeconds").asLong());
        cfg.defaultTolerationSeconds(Duration.ofSeconds(30), Duration.ofSeconds(40));
        ObjectNode plain = Json.object();
        plain.putObject("metadata").put("name", "plain");
        JsonNode t2 = store.create(ResourceType.PODS, "default", plain).path("spec").path("tolerations");
        assertEquals(30, t2.get(0).path("tolerationSeconds").asLong());
        assertEquals(40, t2.get(1).path("tolerationSeconds").asLong());
    }

    @Test
    void shouldEvictPodsOnlyAfterTheirTolerationSecondsAndLetTheDeploymentRecreateThemOnTheSurvivor() {
        twoClouds();
        placeOnAws("web", 3, "gcp-1");
        long blackout = elapsedSeconds();
        dark.add(Cloud.AWS);
        advance(51 + 298);
        assertEquals(3, pods("web").stream().filter(p -> !p.path("metadata").has("deletionTimestamp")).count(),
            "tolerated for 300 s after the NoExecute taint");
        assertEquals(0, runningOn("web", "gcp"));
        advance(3);
        assertEquals(3, runningOn("web", "gcp"), "evicted and recreated on GCP");
        assertEquals(3, pods("web").stream().filter(p -> p.path("metadata").has("deletionTimestamp")).count(),
            "the evicted pods stay Terminating: no kubelet confirms on an unreachable node");
        assertTrue(elapsedSeconds() - blackout >= 350, "≈ 50 s grace + 300 s toleration");
    }

    @Test
    void shouldTaintOneNodeEveryTenSecondsInAFullyDisruptedZoneWhileAnotherZoneIsHealthy() {
        for (int i = 1; i <= 5; i++) {
            vm(Cloud.AWS, "us-east-1a", "aws-" + i);
        }
        vm(Cloud.GCP, "us-central1-a", "gcp-1");
        start();
        dark.add(Cloud.AWS);
        advance(51);
        List<Long> added = new ArrayList<>();
        for (int s = 0; s < 60 && added.size() < 5; s++) {
            for (int i = 1; i <= 5; i++) {
                for (JsonNode t : node("aws-" + i).path("spec").path("taints")) {
                    long at = Instant.parse(t.path("timeAdded").asText()).toEpochMilli();
                    if ("NoExecute".equals(t.path("effect").asText()) && !added.contains(at)) {
                        added.add(at);
                    }
                }
            }
            advance(1);
        }
        added.sort(Long::compare);
        assertEquals(5, added.size(), "every node tainted within a minute");
        for (int i = 1; i < added.size(); i++) {
            assertEquals(10_000, added.get(i) - added.get(i - 1), 1000, "node-eviction-rate 0.1 nodes/s: " + added);
        }
    }

    /** A zone of four: three silent VMs and one API-registered node that stays Ready (75 % ≥ 55 %, more than 2). */
    void partiallyDisruptedZone() {
        for (int i = 1; i <= 3; i++) {
            vm(Cloud.AWS, "us-east-1a", "aws-" + i);
        }
        vm(Cloud.GCP, "us-central1-a", "gcp-1");
        ObjectNode n = Json.object();
        n.putObject("metadata").put("name", "aws-static").putObject("labels").put("topology.kubernetes.io/region", "us-east-1")
            .put("topology.kubernetes.io/zone", "us-east-1a");
        n.putObject("spec");
        n.putObject("status").putArray("conditions").addObject().put("type", "Ready").put("status", "True");
        store.create(ResourceType.NODES, null, n);
        start();
        dark.add(Cloud.AWS);
    }

    long noExecuteTainted(String... names) {
        return java.util.Arrays.stream(names).filter(n -> tainted(n, Taints.NO_EXECUTE)).count();
    }

    @Test
    void shouldStopTaintingAPartiallyDisruptedZoneOfAtMostLargeClusterSizeThresholdNodes() {
        partiallyDisruptedZone();
        advance(51 + 600);
        assertEquals(3, java.util.stream.Stream.of("aws-1", "aws-2", "aws-3").filter(n -> tainted(n, Taints.NO_SCHEDULE)).count());
        assertEquals(0, noExecuteTainted("aws-1", "aws-2", "aws-3"), "a small partially disrupted zone stops evicting");
    }

    @Test
    void shouldUseTheSecondaryRateInAPartiallyDisruptedZoneLargerThanTheThreshold() {
        cfg.largeClusterSizeThreshold = 3;
        partiallyDisruptedZone();
        advance(51);
        assertEquals(1, noExecuteTainted("aws-1", "aws-2", "aws-3"), "the new limiter's first token");
        advance(90);
        assertEquals(1, noExecuteTainted("aws-1", "aws-2", "aws-3"), "secondary-node-eviction-rate 0.01 nodes/s");
        advance(12);
        assertEquals(2, noExecuteTainted("aws-1", "aws-2", "aws-3"));
    }

    @Test
    void shouldEvictNothingWhenEveryZoneIsFullyDisrupted() {
        twoClouds();
        placeOnAws("web", 2, "gcp-1");
        dark.add(Cloud.AWS);
        dark.add(Cloud.GCP);
        advance(51 + 400);
        assertTrue(tainted("aws-1", Taints.NO_SCHEDULE));
        assertEquals(0, noExecuteTainted("aws-1", "gcp-1"), "master disruption mode: no NoExecute taints");
        assertEquals(2, pods("web").stream().filter(p -> !p.path("metadata").has("deletionTimestamp")).count());
    }

    @Test
    void shouldEvictAtTheSmallestTolerationAndNeverForAnUnboundedOne() {
        twoClouds();
        for (String[] p : new String[][]{{"short", "5"}, {"forever", null}}) {
            ObjectNode pod = Json.object();
            pod.putObject("metadata").put("name", p[0]);
            ObjectNode spec = pod.putObject("spec").put("nodeName", "aws-1");
            spec.putArray("containers").addObject().put("name", "app").put("image", "nginx");
            ObjectNode t = spec.putArray("tolerations").addObject().put("key", Taints.UNREACHABLE).put("operator", "Exists").put("effect", "NoExecute");
            if (p[1] != null) {
                t.put("tolerationSeconds", Long.parseLong(p[1]));
            }
            store.create(ResourceType.PODS, "default", pod);
        }
        advance(1);
        dark.add(Cloud.AWS);
        advance(51);
        long tainted = elapsedSeconds();
        advance(3);
        assertFalse(store.find(ResourceType.PODS, "default", "short").path("metadata").has("deletionTimestamp"));
        advance(3);
        assertTrue(store.find(ResourceType.PODS, "default", "short").path("metadata").has("deletionTimestamp"),
            "tolerationSeconds 5 after the taint at " + tainted + " s");
        advance(600);
        assertFalse(store.find(ResourceType.PODS, "default", "forever").path("metadata").has("deletionTimestamp"));
    }

    @Test
    void shouldRemoveEveryUnreachableTaintWhenTheNodeIsBack() {
        twoClouds();
        dark.add(Cloud.AWS);
        advance(51);
        assertTrue(tainted("aws-1", Taints.NO_EXECUTE));
        dark.remove(Cloud.AWS);
        advance(11);
        assertEquals("True", Conditions.status(node("aws-1"), "Ready"));
        assertTrue(node("aws-1").path("spec").path("taints").isMissingNode(), node("aws-1").path("spec").toString());
    }

    @Test
    void shouldMatchTolerationsAsKubernetesDoes() {
        JsonNode taint = Json.object().put("key", Taints.UNREACHABLE).put("effect", "NoExecute");
        assertTrue(Taints.tolerates(Json.object().put("operator", "Exists"), taint), "empty key + Exists tolerates everything");
        assertFalse(Taints.tolerates(Json.object().put("key", Taints.UNREACHABLE).put("effect", "NoSchedule").put("operator", "Exists"), taint));
        assertTrue(Taints.tolerates(Json.object().put("key", Taints.UNREACHABLE).put("operator", "Exists"), taint));
        assertFalse(Taints.tolerates(Json.object().put("key", Taints.UNREACHABLE).put("value", "x"), taint), "Equal compares values");
        assertEquals(java.util.OptionalLong.of(0), TaintEvictionController.evictionTime(Json.MAPPER.createArrayNode(),
            List.of(Json.object().put("key", "other").put("effect", "NoExecute"))), "an untolerated taint evicts at once");
    }
}

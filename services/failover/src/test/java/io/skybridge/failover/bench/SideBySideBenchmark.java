package io.skybridge.failover.bench;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.FailoverCompleted;
import io.skybridge.contracts.failover.OutageDeclarationRequested;
import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.failover.support.EmulatorProvisioner;
import io.skybridge.failover.support.Estate;
import io.skybridge.testing.KafkaBroker;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The same AWS blackout twice in one run, on one emulated cluster running kube-controller-manager's node lifecycle
 * (the emulator's UPSTREAM model, upstream defaults, switched on through its control API):
 * <ol>
 * <li><b>Kubernetes alone</b>: N single-replica workloads free to run in either cloud, placed on AWS; AWS goes dark
 * and the emulator's clock is fast-forwarded (2 s steps) until every workload has a Ready replica on GCP, or
 * {@code cap} emulated seconds pass ("never"). The milestones: nodes Unknown (grace period), NoExecute taints
 * (eviction rate per zone), first and last replacement Ready.</li>
 * <li><b>Skybridge</b>: the same workloads placed on AWS again, the packaged failover service running, the same
 * blackout declared by an operator: declaration → all Ready on GCP ({@code FailoverCompleted.rtoMillis}), in real
 * time (the clock is not touched).</li>
 * </ol>
 * Not a test: run by hand ({@code docs/benchmarks.md}). Usage: {@code SideBySideBenchmark [N=200] [cap s=3600] [jar]}.
 */
public final class SideBySideBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NS = "bench";

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int capSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 3600;
        File jar = new File(args.length > 2 ? args[2] : "services/failover/target/quarkus-app/quarkus-run.jar");
        Map<String, String> config = new SkybridgeWithClouds().start();
        Emulator emu = SkybridgeWithClouds.emulator();
        KafkaBroker.shared().createTopics(List.of(Topics.FAILOVER_EVENTS, Topics.FAILOVER_INTENTS, Topics.HEALTH_OBSERVATIONS,
                Topics.PROVISIONING_INTENTS, Topics.NETWORKING_EVENTS));
        Process service = null;
        try (TestBus bus = new TestBus(config.get("kafka.bootstrap.servers"));
             KafkaConsumer<String, byte[]> events = FailoverServiceBenchmark.consumer(config.get("kafka.bootstrap.servers"));
             EmulatorProvisioner vms = new EmulatorProvisioner(emu, config.get("kafka.bootstrap.servers"));
             KubernetesClient kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(emu.kubeUrl()).build()).build()) {
            System.out.println("node lifecycle: " + control(emu, "PUT", "/kube/node-lifecycle", "{\"mode\":\"upstream\"}"));
            int perCloud = Math.max(3, n / 20);
            for (int i = 0; i < perCloud; i++) {
                vms.bootAws("bench-aws", "us-east-1" + (char) ('a' + i % 3), "m5.xlarge", 1);
                vms.bootGcp("bench-gcp", "us-central1-" + (char) ('a' + i % 3), "e2-standard-4");
            }
            Estate estate = new Estate(kube, NS);
            Estate.await("nodes joined", 120_000, () -> estate.readyNodesOfPool("bench-aws").size() == perCloud
                    && estate.readyNodesOfPool("bench-gcp").size() == perCloud);
            System.out.printf("estate: %d workloads (1 replica, 100m, free to run in either cloud) on %d AWS nodes in 3 zones; "
                    + "%d GCP nodes with room%n", n, perCloud, perCloud);

            place(kube, estate, n);
            long alone = kubernetesAlone(kube, emu, n, capSeconds);

            emu.clearOutage(Cloud.AWS);
            emu.advanceClock(Duration.ofSeconds(30));
            Estate.await("AWS nodes Ready again", 60_000, () -> estate.readyNodesOfPool("bench-aws").size() == perCloud);
            kube.apps().deployments().inNamespace(NS).delete();
            kube.pods().inNamespace(NS).withGracePeriod(0).delete();
            Estate.await("workloads gone", 60_000, () -> kube.pods().inNamespace(NS).list().getItems().isEmpty());
            place(kube, estate, n);

            service = FailoverServiceBenchmark.startService(jar, config, emu, false);
            FailoverServiceBenchmark.awaitService(bus, events);
            FailoverServiceBenchmark.warmUp(bus, events, 3);
            FailoverServiceBenchmark.seekToEnd(events);
            Map<String, Long> before = emu.kube().requests().snapshot();
            emu.startOutage(Cloud.AWS);
            long t0 = System.nanoTime();
            bus.publish(new OutageDeclarationRequested("aws", null, "benchmark: AWS dark"), "user:bench");
            ConsumerRecord<String, byte[]> done = FailoverServiceBenchmark.await(events, FailoverServiceBenchmark.type("FailoverCompleted"),
                    Duration.ofSeconds(600));
            long wall = (System.nanoTime() - t0) / 1_000_000;
            FailoverCompleted completed = TestBus.payload(done, FailoverCompleted.class);
            System.out.printf("Skybridge: %d workloads moved; declaration → all Ready on GCP (RTO) %d ms; blackout → "
                    + "FailoverCompleted read %d ms; timeline %s%n", completed.workloadsMigrated(), completed.rtoMillis(), wall,
                    completed.timeline());
            Map<String, Long> after = emu.kube().requests().snapshot();
            StringBuilder calls = new StringBuilder();
            long total = 0;
            for (Map.Entry<String, Long> e : after.entrySet()) {
                long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                total += d;
                if (d > 0) {
                    calls.append(String.format(" %s %.2f", e.getKey(), d / (double) Math.max(1, completed.workloadsMigrated())));
                }
            }
            System.out.printf("Kubernetes API requests during the failover: %d, per moved workload %.2f (%s), every client of the API "
                    + "counted%n", total, total / (double) Math.max(1, completed.workloadsMigrated()), calls.toString().trim());
            System.out.printf("RTO per priority (ms): %s%n", completed.rtoMillisByPriority());
            System.out.printf("side by side, %d workloads: Kubernetes alone %s, Skybridge %.1f s%s%n", n,
                    alone < 0 ? "never (cap " + capSeconds + " s)" : alone + " s", completed.rtoMillis() / 1000.0,
                    alone < 0 ? "" : String.format(", ratio %.0f×", alone * 1000.0 / Math.max(1, completed.rtoMillis())));
            emu.clearOutage(Cloud.AWS);
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor();
            }
            emu.close();
            System.exit(0);
        }
    }

    /** Every workload Running on AWS: GCP cordoned while they are created, open again afterwards. */
    private static void place(KubernetesClient kube, Estate estate, int n) throws InterruptedException {
        List<String> gcp = estate.readyNodesOfPool("bench-gcp").stream().map(x -> x.getMetadata().getName()).toList();
        gcp.forEach(g -> kube.nodes().withName(g).edit(x -> { x.getSpec().setUnschedulable(true); return x; }));
        for (int i = 0; i < n; i++) {
            estate.deployment("w" + i, 1, null, i % 100, "100m", "128Mi");
        }
        Estate.await("every workload Running on AWS", 300_000, () -> ready(kube).getOrDefault("aws", Set.of()).size() == n);
        gcp.forEach(g -> kube.nodes().withName(g).edit(x -> { x.getSpec().setUnschedulable(false); return x; }));
    }

    /** @return emulated seconds from the blackout until every workload has a Ready replica on GCP, or -1 (cap) */
    private static long kubernetesAlone(KubernetesClient kube, Emulator emu, int n, int capSeconds) throws InterruptedException {
        long start = emu.world().clock().millis();
        emu.startOutage(Cloud.AWS);
        Map<String, Long> milestones = new HashMap<>();
        long elapsed = 0;
        while (elapsed <= capSeconds * 1000L) {
            emu.advanceClock(Duration.ofSeconds(2));
            Thread.sleep(40);
            elapsed = emu.world().clock().millis() - start;
            List<Node> aws = kube.nodes().withLabel("skybridge.io/cloud", "aws").list().getItems();
            long unknown = aws.stream().filter(x -> x.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "Unknown".equals(c.getStatus()))).count();
            long noExecute = aws.stream().filter(x -> x.getSpec().getTaints() != null && x.getSpec().getTaints().stream()
                    .anyMatch(t -> "NoExecute".equals(t.getEffect()))).count();
            int onGcp = ready(kube).getOrDefault("gcp", Set.of()).size();
            mark(milestones, "first AWS node Unknown", unknown > 0, elapsed);
            mark(milestones, "every AWS node Unknown", unknown == aws.size(), elapsed);
            mark(milestones, "first NoExecute taint", noExecute > 0, elapsed);
            mark(milestones, "every AWS node NoExecute-tainted", noExecute == aws.size(), elapsed);
            mark(milestones, "first replacement Ready on GCP", onGcp > 0, elapsed);
            if (onGcp == n) {
                mark(milestones, "every workload Ready on GCP", true, elapsed);
                break;
            }
        }
        milestones.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> System.out.printf("Kubernetes alone: %-34s at %6.1f s emulated%n", e.getKey(), e.getValue() / 1000.0));
        Long all = milestones.get("every workload Ready on GCP");
        if (all == null) {
            System.out.printf("Kubernetes alone: %d of %d workloads Ready on GCP after %d s emulated%n",
                    ready(kube).getOrDefault("gcp", Set.of()).size(), n, capSeconds);
            return -1;
        }
        return Math.round(all / 1000.0);
    }

    private static void mark(Map<String, Long> m, String what, boolean reached, long at) {
        if (reached) {
            m.putIfAbsent(what, at);
        }
    }

    /** Workloads (app label) with a Ready, not terminating pod, per cloud of its node. */
    private static Map<String, Set<String>> ready(KubernetesClient kube) {
        Map<String, String> cloudOfNode = new HashMap<>();
        kube.nodes().list().getItems().forEach(x -> cloudOfNode.put(x.getMetadata().getName(),
                x.getMetadata().getLabels().getOrDefault("skybridge.io/cloud", "")));
        Map<String, Set<String>> out = new HashMap<>();
        for (Pod p : kube.pods().inNamespace(NS).list().getItems()) {
            boolean ok = p.getMetadata().getDeletionTimestamp() == null && p.getSpec().getNodeName() != null && p.getStatus() != null
                    && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            if (ok) {
                out.computeIfAbsent(cloudOfNode.getOrDefault(p.getSpec().getNodeName(), "gone"), k -> new HashSet<>())
                        .add(p.getMetadata().getLabels().get("app"));
            }
        }
        return out;
    }

    private static String control(Emulator emu, String method, String path, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(emu.controlEndpoint() + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}

package io.skybridge.failover.bench;

import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.FailoverCompleted;
import io.skybridge.contracts.failover.OutageClearanceRequested;
import io.skybridge.contracts.failover.OutageDeclarationRequested;
import io.skybridge.contracts.health.CloudHealthObserved;
import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.failover.support.EmulatorProvisioner;
import io.skybridge.failover.support.Estate;
import io.skybridge.testing.KafkaBroker;
import io.skybridge.testing.PackagedService;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * The failover service's own figures, with the packaged service ({@code target/quarkus-app}) as a child process
 * against Kafka, PostgreSQL and the emulator of this JVM (delays 0). Not a test: run by hand (docs/benchmarks.md).
 * <ul>
 * <li>{@code decision N}: N trials of "the last piece of quorum evidence → {@code OutageDeclared}" through
 * Kafka and the service (T = 0 and W = 0 so that each trial measures the decision path, not the windows;
 * the prober off so that only the two benchmark observers speak); p50/p99/max.</li>
 * <li>{@code e2e N}: N single-replica managed workloads on AWS with room on GCP; AWS blacked out and declared;
 * time from the declaration to {@code FailoverCompleted} (all Ready on GCP), the RTO the service reports.</li>
 * </ul>
 */
public final class FailoverServiceBenchmark {

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "decision";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : ("decision".equals(mode) ? 1000 : 200);
        File jar = new File(args.length > 2 ? args[2] : "services/failover/target/quarkus-app/quarkus-run.jar");
        Map<String, String> config = new SkybridgeWithClouds().start();
        Emulator emu = SkybridgeWithClouds.emulator();
        KafkaBroker.shared().createTopics(List.of(Topics.FAILOVER_EVENTS, Topics.FAILOVER_INTENTS, Topics.HEALTH_OBSERVATIONS,
                Topics.PROVISIONING_INTENTS, Topics.NETWORKING_EVENTS));
        Process service = startService(jar, config, emu, "decision".equals(mode));
        try (TestBus bus = new TestBus(config.get("kafka.bootstrap.servers"));
             KafkaConsumer<String, byte[]> events = consumer(config.get("kafka.bootstrap.servers"))) {
            if ("decision".equals(mode)) {
                decision(bus, events, n);
            } else if ("boot".equals(mode)) {
                boot(bus, events, emu, config, n, args.length > 3 ? Integer.parseInt(args[3]) : 30);
            } else {
                e2e(bus, events, emu, config, n);
            }
        } finally {
            service.destroy();
            service.waitFor();
            emu.close();
            System.exit(0);
        }
    }

    private static void decision(TestBus bus, KafkaConsumer<String, byte[]> events, int trials) {
        awaitService(bus, events);
        for (int i = 0; i < 20; i++) {
            trial(bus, events); // warm-up
        }
        long[] micros = new long[trials];
        for (int i = 0; i < trials; i++) {
            micros[i] = trial(bus, events);
        }
        Arrays.sort(micros);
        System.out.printf("decision latency, last quorum evidence → OutageDeclared, %d trials: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                trials, micros[trials / 2] / 1000.0, micros[(int) Math.ceil(trials * 0.99) - 1] / 1000.0,
                micros[trials - 1] / 1000.0);
    }

    /** One declaration: observer A's evidence, then B's (the last piece) timed to OutageDeclared; then reset. */
    private static long trial(TestBus bus, KafkaConsumer<String, byte[]> events) {
        observe(bus, "bench-a", "gcp", false);
        seekToEnd(events);
        long t0 = System.nanoTime();
        observe(bus, "bench-b", "onprem", false);
        await(events, type("OutageDeclared"), Duration.ofSeconds(30));
        long micros = (System.nanoTime() - t0) / 1000;
        observe(bus, "bench-a", "gcp", true);
        observe(bus, "bench-b", "onprem", true);
        bus.publish(new OutageClearanceRequested("aws", null, "benchmark trial over"), "user:bench");
        await(events, type("OutageCleared"), Duration.ofSeconds(30));
        return micros;
    }

    private static void e2e(TestBus bus, KafkaConsumer<String, byte[]> events, Emulator emu, Map<String, String> config,
                            int workloads) throws Exception {
        awaitService(bus, events);
        try (EmulatorProvisioner vms = new EmulatorProvisioner(emu, config.get("kafka.bootstrap.servers"));
             KubernetesClient kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(emu.kubeUrl())
                     .build()).build()) {
            int nodesPerCloud = Math.max(2, workloads / 20);
            pinnedEstate(vms, kube, nodesPerCloud, nodesPerCloud, workloads);
            System.out.printf("estate: %d workloads on %d AWS nodes, %d GCP nodes with room%n", workloads, nodesPerCloud, nodesPerCloud);
            warmUp(bus, events, 3);
            emu.startOutage(Cloud.AWS);
            seekToEnd(events);
            long t0 = System.nanoTime();
            EventMetadata declare = bus.publish(new OutageDeclarationRequested("aws", null, "benchmark: AWS dark"), "user:bench");
            ConsumerRecord<String, byte[]> done = await(events, type("FailoverCompleted"), Duration.ofSeconds(600));
            long wall = (System.nanoTime() - t0) / 1_000_000;
            FailoverCompleted completed = TestBus.payload(done, FailoverCompleted.class);
            System.out.printf("end-to-end failover of %d workloads: declaration → all Ready (RTO) %d ms; intent published → "
                            + "FailoverCompleted read %d ms; timeline %s (intent %s)%n", completed.workloadsMigrated(),
                    completed.rtoMillis(), wall, completed.timeline(), declare.id());
            emu.clearOutage(Cloud.AWS);
        }
    }

    /**
     * {@code boot N [S]}: N single-replica workloads (priorities 0–99) on AWS; GCP's headroom holds about the top
     * third; AWS blacked out and declared with the emulator's VM boot delay at S seconds (30): the top priorities
     * move into the headroom at once, the rest when the surge VMs have booted and joined.
     */
    private static void boot(TestBus bus, KafkaConsumer<String, byte[]> events, Emulator emu, Map<String, String> config,
                             int workloads, int bootSeconds) throws Exception {
        awaitService(bus, events);
        try (EmulatorProvisioner vms = new EmulatorProvisioner(emu, config.get("kafka.bootstrap.servers"));
             KubernetesClient kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(emu.kubeUrl())
                     .build()).build()) {
            int awsNodes = Math.max(2, workloads / 20);
            int gcpNodes = Math.max(1, (int) Math.ceil(workloads / 3.0 / 40)); // 40 replicas of 100m per 4-CPU node
            pinnedEstate(vms, kube, awsNodes, gcpNodes, workloads);
            warmUp(bus, events, 3);
            System.out.printf("estate: %d workloads on %d AWS nodes; GCP: %d nodes of headroom; surge VMs boot in %d s%n", workloads,
                    awsNodes, gcpNodes, bootSeconds);
            emu.setBootDelay(Duration.ofSeconds(bootSeconds));
            emu.startOutage(Cloud.AWS);
            seekToEnd(events);
            bus.publish(new OutageDeclarationRequested("aws", null, "benchmark: AWS dark, slow VMs"), "user:bench");
            FailoverCompleted completed = TestBus.payload(await(events, type("FailoverCompleted"), Duration.ofSeconds(900)),
                    FailoverCompleted.class);
            long top = completed.rtoMillisByPriority().entrySet().stream().filter(e -> Integer.parseInt(e.getKey()) >= 67)
                    .mapToLong(Map.Entry::getValue).max().orElse(-1);
            System.out.printf("boot %d s: %d workloads; top-priority third (priority ≥ 67) all Ready %d ms; everything %d ms; waves %s%n",
                    bootSeconds, completed.workloadsMigrated(), top, completed.rtoMillis(), completed.timeline().waves());
            emu.setBootDelay(Duration.ZERO);
            emu.clearOutage(Cloud.AWS);
        }
    }

    /** AWS and GCP VMs that join, then {@code workloads} single-replica Deployments (100m, priorities 0–99) pinned to AWS, Running. */
    private static void pinnedEstate(EmulatorProvisioner vms, KubernetesClient kube, int awsNodes, int gcpNodes, int workloads)
            throws Exception {
        vms.bootAws("bench-aws", "us-east-1a", "m5.xlarge", awsNodes);
        for (int i = 0; i < gcpNodes; i++) {
            vms.bootGcp("bench-gcp", "us-central1-" + (char) ('a' + i % 3), "e2-standard-4");
        }
        Estate estate = new Estate(kube, "bench");
        Estate.await("nodes joined", 120_000, () -> estate.readyNodesOfPool("bench-aws").size() == awsNodes
                && estate.readyNodesOfPool("bench-gcp").size() == gcpNodes);
        for (int i = 0; i < workloads; i++) {
            estate.deployment("w" + i, 1, "aws", i % 100, "100m", "128Mi");
        }
        Estate.await("every workload Ready on AWS", 300_000, () -> kube.pods().inNamespace("bench").list().getItems().stream()
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).count() == workloads);
    }

    /**
     * Runs {@code n} dry-run drills first: a control plane that has been up for a while has loaded and compiled
     * its planning path, a freshly started JVM has not (class loading blocked the first declaration 2 s).
     */
    static void warmUp(TestBus bus, KafkaConsumer<String, byte[]> events, int n) {
        for (int i = 0; i < n; i++) {
            seekToEnd(events);
            String drill = "bench-warmup-" + System.nanoTime();
            bus.publish(new io.skybridge.contracts.failover.FailoverDrillRequested(drill, "aws", true), "user:bench");
            await(events, r -> drill.equals(r.key()) && type("FailoverPlanComputed").test(r), Duration.ofSeconds(60));
        }
    }

    static void awaitService(TestBus bus, KafkaConsumer<String, byte[]> events) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            seekToEnd(events);
            bus.publish(new OutageClearanceRequested("aws", null, "is the service up?"), "user:bench");
            try {
                await(events, r -> r.key() != null, Duration.ofSeconds(3)); // IntentRejected: nothing to clear
                return;
            } catch (IllegalStateException notYet) {
                // the service is still starting
            }
        }
        throw new IllegalStateException("the service did not answer within 120 s");
    }

    private static void observe(TestBus bus, String observer, String location, boolean healthy) {
        bus.publish(new CloudHealthObserved("aws", null, observer + "@" + location, location, "API", healthy,
                healthy ? 5L : null, healthy ? null : "503", Instant.now()), "service:bench");
    }

    static Predicate<ConsumerRecord<String, byte[]>> type(String name) {
        return r -> ("io.skybridge.failover." + name + ".v1").equals(TestBus.header(r, CloudEventHeaders.TYPE));
    }

    static ConsumerRecord<String, byte[]> await(KafkaConsumer<String, byte[]> c,
                                                        Predicate<ConsumerRecord<String, byte[]>> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(5))) {
                if (match.test(r)) {
                    return r;
                }
            }
        }
        throw new IllegalStateException("nothing matching within " + timeout);
    }

    static void seekToEnd(KafkaConsumer<String, byte[]> c) {
        c.seekToEnd(c.assignment());
        c.assignment().forEach(c::position);
    }

    static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = c.partitionsFor(Topics.FAILOVER_EVENTS, Duration.ofSeconds(10)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        c.assign(partitions);
        return c;
    }

    static Process startService(File jar, Map<String, String> config, Emulator emu, boolean decisionOnly)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("-Dquarkus.log.level=WARN", "-Dquarkus.log.category.\"io.skybridge\".level=WARN",
                "-Dskybridge.failover.planning.verify-timeout=600s"));
        if (decisionOnly) {
            args.addAll(List.of("-Dskybridge.failover.detection.sustain=0s", "-Dskybridge.failover.detection.stabilisation=0s",
                    "-Dskybridge.failover.prober.enabled=false"));
        }
        File log = new File(jar.getParentFile().getParentFile(), "benchmark-service.log");
        System.out.println("service log: " + log + " (started " + Instant.now() + ")");
        return PackagedService.start(jar, config, emu.kubeUrl(), PackagedService.freePort(), log, args);
    }
}

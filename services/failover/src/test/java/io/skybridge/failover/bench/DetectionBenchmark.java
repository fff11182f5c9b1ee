package io.skybridge.failover.bench;

import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.contracts.networking.AwsVpcRef;
import io.skybridge.contracts.networking.GcpNetworkRef;
import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.control.OutageMode;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.testing.KafkaBroker;
import io.skybridge.testing.PackagedService;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.skybridge.failover.bench.FailoverServiceBenchmark.await;
import static io.skybridge.failover.bench.FailoverServiceBenchmark.seekToEnd;
import static io.skybridge.failover.bench.FailoverServiceBenchmark.type;

/**
 * Blackout → {@code OutageDeclared} with the shipped detection defaults and the real observers: the packaged
 * failover service (its prober, location lab-a) and the packaged networking service (its link monitor watching a
 * real HA VPN link in the emulator, location lab-b), against Kafka, PostgreSQL and the emulator of this JVM.
 * Each trial blacks AWS out, times the declaration ({@code OutageDeclared.declaredAt} − the blackout), restores
 * AWS and waits for the detector to clear it (stabilisation W = 3 s here, so that trials repeat quickly; W does
 * not enter the figure). Not a test: run by hand (docs/benchmarks.md).
 *
 * <p>{@code java -cp … DetectionBenchmark TRIALS [unavailable|hang]}
 */
public final class DetectionBenchmark {

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        OutageMode mode = OutageMode.parse(args.length > 1 ? args[1] : "unavailable");
        Map<String, String> config = new SkybridgeWithClouds().start();
        Emulator emu = SkybridgeWithClouds.emulator();
        KafkaBroker.shared().createTopics(List.of(Topics.FAILOVER_EVENTS, Topics.FAILOVER_INTENTS, Topics.HEALTH_OBSERVATIONS,
                Topics.PROVISIONING_INTENTS, Topics.NETWORKING_EVENTS, Topics.NETWORKING_INTENTS));
        File failoverJar = new File("services/failover/target/quarkus-app/quarkus-run.jar");
        File networkingJar = new File("services/networking/target/quarkus-app/quarkus-run.jar");
        List<String> quiet = List.of("-Dquarkus.log.level=WARN", "-Dquarkus.log.category.\"io.skybridge\".level=WARN");
        // the shipped defaults (the test profile the packaged apps run under polls faster): prober 500 ms,
        // link monitor 500 ms, T = 3 s; only W is shortened
        List<String> networkingArgs = new ArrayList<>(quiet);
        networkingArgs.addAll(List.of("-Dskybridge.networking.monitor.interval=500ms",
                "-Dskybridge.networking.observer-location=lab-b"));
        List<String> failoverArgs = new ArrayList<>(quiet);
        failoverArgs.addAll(List.of("-Dskybridge.failover.prober.interval=500ms", "-Dskybridge.failover.prober.timeout=3s",
                "-Dskybridge.failover.prober.location=lab-a", "-Dskybridge.failover.detection.sustain=3s",
                "-Dskybridge.failover.detection.stabilisation=3s"));
        Process networking = PackagedService.start(networkingJar, config, emu.kubeUrl(), PackagedService.freePort(),
                new File("services/failover/target/benchmark-networking.log"), networkingArgs);
        Process failover = PackagedService.start(failoverJar, config, emu.kubeUrl(), PackagedService.freePort(),
                new File("services/failover/target/benchmark-service.log"), failoverArgs);
        try (TestBus bus = new TestBus(config.get("kafka.bootstrap.servers"));
             KafkaConsumer<String, byte[]> events = FailoverServiceBenchmark.consumer(config.get("kafka.bootstrap.servers"))) {
            FailoverServiceBenchmark.awaitService(bus, events);
            bus.publish(new NetworkLinkRequested("bench-link",
                    new AwsVpcRef("123456789012", "us-east-1", "vpc-0a1b2c3d4e5f60001", "10.200.0.0/16"),
                    new GcpNetworkRef("skybridge-demo", "us-central1", "skybridge-vpc", "10.201.0.0/16"), "HA"), "user:netops");
            bus.await(Topics.NETWORKING_EVENTS, r -> "bench-link".equals(r.key())
                    && "io.skybridge.networking.NetworkLinkEstablished.v1".equals(TestBus.header(r, CloudEventHeaders.TYPE)),
                    Duration.ofSeconds(180));
            System.out.println("link established; observers: failover-prober@lab-a (500 ms), networking@lab-b (500 ms); mode "
                    + mode.id());
            Thread.sleep(3_000); // both observers have reported AWS healthy
            long[] millis = new long[trials];
            for (int i = 0; i < trials; i++) {
                millis[i] = trial(emu, events, mode);
                System.out.printf("trial %d: blackout → OutageDeclared %d ms%n", i + 1, millis[i]);
            }
            Arrays.sort(millis);
            System.out.printf("blackout → OutageDeclared, T = 3 s, %d trials (%s): p50 %d ms, max %d ms, min %d ms "
                            + "(target ≤ T + 1 s = 4,000 ms)%n", trials, mode.id(), millis[trials / 2], millis[trials - 1],
                    millis[0]);
        } finally {
            failover.destroy();
            networking.destroy();
            failover.waitFor();
            networking.waitFor();
            emu.close();
            System.exit(0);
        }
    }

    private static long trial(Emulator emu, KafkaConsumer<String, byte[]> events, OutageMode mode) throws Exception {
        seekToEnd(events);
        // a random phase against the observers' timers
        Thread.sleep((long) (Math.random() * 1000));
        Instant blackout = Instant.now();
        emu.startOutage(Cloud.AWS, null, mode);
        ConsumerRecord<String, byte[]> declared = await(events, type("OutageDeclared"), Duration.ofSeconds(60));
        long ms = Duration.between(blackout, TestBus.payload(declared, OutageDeclared.class).declaredAt()).toMillis();
        emu.clearOutage(Cloud.AWS);
        await(events, type("OutageCleared"), Duration.ofSeconds(120));
        Thread.sleep(1_000);
        return ms;
    }
}

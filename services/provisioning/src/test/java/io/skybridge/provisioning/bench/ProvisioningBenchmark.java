package io.skybridge.provisioning.bench;

import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import io.skybridge.emulator.Emulator;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Time from publishing {@code NodePoolScaleRequested} to the last {@code NodeJoined} of the pool, for 1, 10
 * and 100 nodes, with the emulator's boot and join delays at 0: the service's own overhead. Starts Kafka,
 * PostgreSQL and the emulator in this JVM and the packaged service ({@code target/quarkus-app}) as a child
 * process, as it runs in production. Prints one line per run and a summary. Not a test: run it by hand
 * (see BENCHMARKS.md).
 */
public final class ProvisioningBenchmark {

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        File jar = new File(args.length > 1 ? args[1] : "services/provisioning/target/quarkus-app/quarkus-run.jar");
        Map<String, String> config = new SkybridgeWithClouds().start();
        Emulator emu = SkybridgeWithClouds.emulator();
        emu.setBootDelay(Duration.ZERO);
        Process service = startService(jar, config, emu);
        try (TestBus bus = new TestBus(config.get("kafka.bootstrap.servers"));
             KafkaConsumer<String, byte[]> events = consumer(config.get("kafka.bootstrap.servers"))) {
            System.out.println("warm-up (service start + JIT): " + run(bus, events, 5, Duration.ofSeconds(120)) + " ms");
            run(bus, events, 20, Duration.ofSeconds(60));
            List<String> summary = new ArrayList<>();
            for (int nodes : new int[]{1, 10, 100}) {
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < repetitions; i++) {
                    long ms = run(bus, events, nodes, Duration.ofSeconds(120));
                    times.add(ms);
                    System.out.printf("nodes=%d run=%d: %d ms%n", nodes, i + 1, ms);
                }
                List<Long> sorted = times.stream().sorted().toList();
                summary.add(String.format("| %d | %s | %d | %d |", nodes, times, sorted.get(sorted.size() / 2),
                        sorted.get(sorted.size() - 1)));
            }
            System.out.println("| nodes | runs (ms) | median (ms) | max (ms) |");
            System.out.println("|---|---|---|---|");
            summary.forEach(System.out::println);
        } finally {
            service.destroy();
            service.waitFor();
            emu.close();
            System.exit(0);
        }
    }

    /** One scale-up of a fresh AWS pool: ms from publishing the intent to reading its last NodeJoined. */
    private static long run(TestBus bus, KafkaConsumer<String, byte[]> events, int nodes, Duration timeout) {
        String poolId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        NodePoolScaleRequested intent = new NodePoolScaleRequested(poolId, "aws", "us-east-1",
                List.of("us-east-1a", "us-east-1b", "us-east-1c"), "m5.large", List.of(), "ami-0abcdef1234567890",
                Map.of(), List.of(), 0, 1000, nodes);
        events.seekToEnd(events.assignment());
        events.assignment().forEach(events::position);
        long t0 = System.nanoTime();
        EventMetadata published = bus.publish(intent, "user:bench");
        Set<String> joined = new HashSet<>();
        long deadline = t0 + timeout.toNanos();
        while (joined.size() < nodes) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + joined.size() + " of " + nodes + " nodes joined in " + timeout);
            }
            for (ConsumerRecord<String, byte[]> r : events.poll(Duration.ofMillis(20))) {
                if (r.key() != null && r.key().startsWith(poolId + "-")
                        && "io.skybridge.provisioning.NodeJoined.v1".equals(TestBus.header(r, CloudEventHeaders.TYPE))
                        && published.id().equals(TestBus.header(r, CloudEventHeaders.CORRELATION_ID))) {
                    joined.add(r.key());
                }
            }
        }
        return Duration.ofNanos(System.nanoTime() - t0).toMillis();
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p);
        io.skybridge.testing.KafkaBroker.shared().createTopics(List.of(Topics.PROVISIONING_EVENTS, Topics.PROVISIONING_INTENTS));
        List<TopicPartition> partitions = c.partitionsFor(Topics.PROVISIONING_EVENTS, Duration.ofSeconds(10)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        c.assign(partitions);
        return c;
    }

    private static Process startService(File jar, Map<String, String> config, Emulator emu) throws Exception {
        if (!jar.isFile()) {
            throw new IllegalStateException(jar + " is missing: build the module first");
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dquarkus.profile=test", "-Dquarkus.http.port=0", "-Dkubernetes.master=" + emu.kubeUrl(),
                "-Daws.accessKeyId=bench", "-Daws.secretAccessKey=bench-secret", "-Daws.region=us-east-1",
                "-Dquarkus.log.level=WARN", "-Dquarkus.log.category.\"io.skybridge\".level=WARN"));
        config.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        // service settings to try (e.g. -Dskybridge.provisioning.saga.workers=32) pass through to the service
        // (and log levels, e.g. -Dquarkus.log.category.\"io.skybridge\".level=INFO, for timing logs)
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("skybridge.provisioning.")
                        || k.startsWith("quarkus.log."))
                .sorted().forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.add("-jar");
        cmd.add(jar.getAbsolutePath());
        File log = new File(jar.getParentFile().getParentFile(), "benchmark-service.log");
        System.out.println("service log: " + log + " (started " + Instant.now() + ")");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    }
}

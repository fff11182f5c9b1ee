package io.skybridge.cli.bench;

import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.FailoverDrillRequested;
import io.skybridge.contracts.failover.OutageClearanceRequested;
import io.skybridge.contracts.inventory.CloudAccountRegistrationRequested;
import io.skybridge.contracts.networking.AwsVpcRef;
import io.skybridge.contracts.networking.GcpNetworkRef;
import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.contracts.networking.NetworkLinkTeardownRequested;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Intent → first status event under sustained load, against a running stack (the local stack of
 * {@code skybridge up}, or any other): RATE intents/s for SECONDS, spread evenly over the four services' intents
 * topics, each service getting a mix of intents it accepts and intents it refuses (see {@link #mixes}). For every
 * intent, the time from its send to the first event on the owner's events topic caused by it
 * ({@code ce_causationid} = its {@code ce_id}: {@code IntentAccepted} or {@code IntentRejected}); p50/p99/max per
 * service. During the run, once a second: each service's consumer lag on its intents topic (the consumer group's
 * committed offsets against the end offsets) and its outbox lag (an event's Kafka timestamp, taken when the outbox
 * relay sent it, minus its {@code ce_time}, taken when the service made it inside its transaction). Not a test: run
 * by hand (docs/benchmarks.md).
 *
 * <p>{@code java -cp … IntentLoadBenchmark BOOTSTRAP [RATE=500] [SECONDS=60]}
 */
public final class IntentLoadBenchmark {
    private static final List<String> SERVICES = List.of("inventory", "networking", "provisioning", "failover");
    private static final Random RANDOM = new Random(42);

    private record Sent(String service, long nanos) {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Map<String, List<Supplier<SkybridgeMessage>>> mixes = mixes();

        Map<String, Sent> inFlight = new ConcurrentHashMap<>();
        Map<String, List<Long>> latencies = new HashMap<>();
        Map<String, List<Long>> outboxLag = new HashMap<>();
        Map<String, List<Long>> consumerLag = new HashMap<>();
        SERVICES.forEach(s -> {
            latencies.put(s, new ArrayList<>());
            outboxLag.put(s, new ArrayList<>());
            consumerLag.put(s, new ArrayList<>());
        });
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sendErrors = new AtomicLong();

        try (KafkaProducer<String, byte[]> producer = producer(bootstrap);
             KafkaConsumer<String, byte[]> events = consumer(bootstrap);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String s : SERVICES) {
                events.partitionsFor(Topics.events(s), Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            events.assign(partitions);
            events.seekToEnd(partitions);
            partitions.forEach(events::position);

            Thread reader = new Thread(() -> {
                while (running.get() || !inFlight.isEmpty()) {
                    for (ConsumerRecord<String, byte[]> r : events.poll(Duration.ofMillis(5))) {
                        long now = System.nanoTime();
                        String cause = header(r, CloudEventHeaders.CAUSATION_ID);
                        Sent sent = cause == null ? null : inFlight.remove(cause);
                        String service = r.topic().split("\\.")[1];
                        String time = header(r, CloudEventHeaders.TIME);
                        if (time != null && outboxLag.containsKey(service)) {
                            synchronized (outboxLag) {
                                outboxLag.get(service).add(r.timestamp() - Instant.parse(time).toEpochMilli());
                            }
                        }
                        if (sent != null) {
                            synchronized (latencies) {
                                latencies.get(sent.service()).add((now - sent.nanos()) / 1_000);
                            }
                        }
                    }
                }
            }, "events-reader");
            reader.start();

            Thread lagSampler = new Thread(() -> {
                while (running.get()) {
                    try {
                        for (String s : SERVICES) {
                            consumerLag.get(s).add(lag(admin, "skybridge-" + s, Topics.intents(s)));
                        }
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // the group may not have committed yet
                    }
                }
            }, "lag-sampler");
            lagSampler.setDaemon(true);
            lagSampler.start();

            System.out.printf("sending %d intents/s for %d s to %s (%d per service per second)%n", rate, seconds, bootstrap,
                    rate / SERVICES.size());
            long start = System.nanoTime();
            long total = (long) rate * seconds;
            for (long i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String service = SERVICES.get((int) (i % SERVICES.size()));
                List<Supplier<SkybridgeMessage>> mix = mixes.get(service);
                SkybridgeMessage m = mix.get(RANDOM.nextInt(mix.size())).get();
                MessageType type = MessageCatalog.of(m.getClass());
                EventMetadata meta = EventMetadata.newIntent(type, m.aggregateId(), "skybridge://bench", "user:bench");
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), m.aggregateId(),
                        ContractJson.mapper().writeValueAsBytes(m));
                meta.toHeaders().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                inFlight.put(meta.id(), new Sent(service, System.nanoTime()));
                producer.send(record, (md, e) -> {
                    if (e != null) {
                        sendErrors.incrementAndGet();
                        inFlight.remove(meta.id());
                    }
                });
            }
            producer.flush();
            double sentSeconds = (System.nanoTime() - start) / 1e9;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            running.set(false);
            int unanswered = inFlight.size();
            inFlight.clear();
            reader.join();
            lagSampler.interrupt();

            System.out.printf("sent %d intents in %.1f s (%.0f/s), %d send errors, %d unanswered after 60 s%n", total,
                    sentSeconds, total / sentSeconds, sendErrors.get(), unanswered);
            System.out.println("| service | intents | intent → first status event p50 / p99 / max | outbox lag p50 / p99 / max "
                    + "| consumer lag (records) median / max |");
            System.out.println("|---|---|---|---|---|");
            for (String s : SERVICES) {
                long[] l = latencies.get(s).stream().mapToLong(Long::longValue).sorted().toArray();
                long[] o = outboxLag.get(s).stream().mapToLong(Long::longValue).sorted().toArray();
                long[] c = consumerLag.get(s).stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf("| %s | %d | %.1f / %.1f / %.1f ms | %d / %d / %d ms | %d / %d |%n", s, l.length,
                        pct(l, 0.5) / 1000.0, pct(l, 0.99) / 1000.0, pct(l, 1.0) / 1000.0, pct(o, 0.5), pct(o, 0.99),
                        pct(o, 1.0), pct(c, 0.5), pct(c, 1.0));
            }
        }
    }

    /** Per service: intents it accepts and intents it refuses, drawn uniformly. */
    static Map<String, List<Supplier<SkybridgeMessage>>> mixes() {
        Map<String, List<Supplier<SkybridgeMessage>>> m = new HashMap<>();
        m.put("inventory", List.of(
                () -> new CloudAccountRegistrationRequested("aws", String.format("%012d", 100_000_000_000L + RANDOM.nextInt(200)),
                        "bench account", List.of("us-east-1")),
                () -> new CloudAccountRegistrationRequested("gcp", "bench-project-" + RANDOM.nextInt(200), "bench project",
                        List.of("us-central1")),
                () -> new CloudAccountRegistrationRequested("azure", "nope", "unknown cloud: refused", List.of("eastus"))));
        m.put("networking", List.of(
                // overlapping CIDRs: refused with POLICY_VIOLATION before any cloud call
                () -> new NetworkLinkRequested("bench-" + RANDOM.nextInt(1_000_000),
                        new AwsVpcRef("123456789012", "us-east-1", "vpc-0a1b2c3d4e5f6beef", "10.90.0.0/16"),
                        new GcpNetworkRef("skybridge-demo", "us-central1", "bench-net", "10.90.128.0/17"), "HA"),
                () -> new NetworkLinkTeardownRequested("bench-unknown-" + RANDOM.nextInt(1_000_000), "benchmark")));
        m.put("provisioning", List.of(
                // pools kept at 0 nodes: accepted and recorded, no VM
                () -> new NodePoolScaleRequested("bench-pool-" + RANDOM.nextInt(20), "gcp", "us-central1",
                        List.of("us-central1-a"), "e2-standard-4", List.of(), "projects/debian-cloud/global/images/family/debian-12",
                        Map.of(), List.of(), 0, 10, 0),
                () -> new NodePoolScaleRequested("bench-pool-bad", "gcp", "us-central1", List.of("us-central1-a"),
                        "e2-standard-4", List.of(), "projects/debian-cloud/global/images/family/debian-12", Map.of(), List.of(),
                        5, 2, 3)));
        m.put("failover", List.of(
                () -> new OutageClearanceRequested("aws", null, "benchmark: nothing to clear"),
                () -> new OutageClearanceRequested("gcp", null, "benchmark: nothing to clear"),
                () -> RANDOM.nextInt(10) == 0 ? new FailoverDrillRequested("bench-drill-" + RANDOM.nextInt(1_000_000), "aws", true)
                        : new OutageClearanceRequested("aws", "us-east-1", "benchmark: nothing to clear")));
        return m;
    }

    private static long lag(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().stream().filter(tp -> tp.topic().equals(topic)).forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        long lag = 0;
        for (var e : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1 < 0 ? 0
                : (int) Math.ceil(sorted.length * p) - 1)];
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return new KafkaConsumer<>(p);
    }

    private IntentLoadBenchmark() {
    }
}

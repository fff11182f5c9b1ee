package io.skybridge.cli.events;

import io.skybridge.cli.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads Skybridge topics without a consumer group (assigned partitions, nothing committed): from
 * now on, or from the beginning. Opening positions the stream before anything is sent, so an answer
 * to an intent published afterwards cannot be missed.
 */
public final class EventStream implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;

    public EventStream(String bootstrapServers, List<String> topics, boolean fromBeginning) {
        this(KafkaSettings.plain(bootstrapServers), topics, fromBeginning);
    }

    public EventStream(KafkaSettings kafka, List<String> topics, boolean fromBeginning) {
        Map<String, Object> c = kafka.clientConfig(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "skybridge-cli-" + UUID.randomUUID().toString().substring(0, 8),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = partitionsOf(topics);
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // resolve the positions now, before the caller sends anything
    }

    private List<TopicPartition> partitionsOf(List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 15_000;
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            while ((infos == null || infos.isEmpty()) && System.currentTimeMillis() < deadline) {
                sleep();
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            }
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist on the broker");
            }
            infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        return partitions;
    }

    /** The records that arrive within {@code timeout} (possibly none). */
    public List<EventRecord> poll(Duration timeout) {
        List<EventRecord> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            out.add(EventRecord.of(r));
        }
        return out;
    }

    /** Polls until {@code stop} accepts a record (returned) or the deadline passes (null); {@code each} sees every record. */
    public EventRecord until(Predicate<EventRecord> stop, Duration timeout, java.util.function.Consumer<EventRecord> each) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (EventRecord e : poll(Duration.ofMillis(250))) {
                each.accept(e);
                if (stop.test(e)) {
                    return e;
                }
            }
        }
        return null;
    }

    private static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}

package io.skybridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.SkybridgeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * What a user of Skybridge does without any Skybridge code: a plain {@link KafkaProducer} sending
 * JSON values with {@code ce_*} headers, and a plain {@link KafkaConsumer} reading status topics.
 */
public final class TestBus implements AutoCloseable {
    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    public TestBus(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    public static TestBus onSharedBroker() {
        return new TestBus(KafkaBroker.shared().bootstrapServers());
    }

    /** Publish a message with fresh CloudEvents headers, as a user would. @return its metadata */
    public EventMetadata publish(SkybridgeMessage message, String principal) {
        MessageType type = MessageCatalog.of(message.getClass());
        EventMetadata metadata = EventMetadata.newIntent(type, message.aggregateId(), "skybridge://test", principal);
        publish(type.topic(), message, metadata);
        return metadata;
    }

    /** Publish with the given metadata (e.g. the same intent twice, to test redelivery). */
    public void publish(String topic, SkybridgeMessage message, EventMetadata metadata) {
        try {
            publishRaw(topic, message.aggregateId(), metadata.toHeaders(), ContractJson.mapper().writeValueAsBytes(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public void publishRaw(String topic, String key, Map<String, String> headers, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }

    /**
     * Reads {@code topic} from the beginning until a record matches, or fails after {@code timeout}.
     */
    public ConsumerRecord<String, byte[]> await(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
                                                Duration timeout) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = newConsumer(topic)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(r);
                    if (match.test(r)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout + "; saw " + seen.size()
                + " record(s): " + seen.stream().map(TestBus::describe).toList());
    }

    /** Every record on {@code topic} that matches, read from the beginning for {@code window}. */
    public List<ConsumerRecord<String, byte[]>> collect(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
                                                        Duration window) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = newConsumer(topic)) {
            long deadline = System.nanoTime() + window.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (match.test(r)) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    private KafkaConsumer<String, byte[]> newConsumer(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return ContractJson.mapper().readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError("value of " + describe(record) + " is not JSON", e);
        }
    }

    public static <T> T payload(ConsumerRecord<String, byte[]> record, Class<T> type) {
        try {
            return ContractJson.mapper().readValue(record.value(), type);
        } catch (Exception e) {
            throw new AssertionError("value of " + describe(record) + " is not a " + type.getSimpleName(), e);
        }
    }

    private static String describe(ConsumerRecord<String, byte[]> r) {
        return r.topic() + "/" + r.partition() + "@" + r.offset() + " key=" + r.key() + " type="
                + header(r, "ce_type");
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

package io.skybridge.cli.intent;

import io.skybridge.cli.KafkaSettings;
import io.skybridge.contracts.ContractJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends intents to their topic: keyed by the aggregate id, every replica acknowledging, idempotent. */
public final class IntentSender implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    public IntentSender(String bootstrapServers) {
        this(KafkaSettings.plain(bootstrapServers));
    }

    public IntentSender(KafkaSettings kafka) {
        this.producer = new KafkaProducer<>(kafka.clientConfig(config(kafka.bootstrapServers())), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The producer settings, stated explicitly (the client's defaults are not relied upon). */
    public static Map<String, Object> config(String bootstrapServers) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "skybridge-cli");
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return c;
    }

    public RecordMetadata send(PreparedIntent intent) {
        try {
            byte[] value = ContractJson.mapper().writeValueAsBytes(intent.payload());
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(intent.topic(), null, intent.key(), value,
                    KafkaHeaders.of(intent.metadata()));
            return producer.send(record).get(40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Kafka did not take the intent: " + cause.getMessage(), cause);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}

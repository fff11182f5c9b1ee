package io.skybridge.shared.outbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends one record on the {@code skybridge-outbox} channel (configured with {@code acks=all} and an
 * idempotent producer) to the record's own topic; the Uni completes when Kafka acknowledged it.
 */
@ApplicationScoped
public class OutboxSender {
    static final String CHANNEL = "skybridge-outbox";

    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<byte[]> emitter;

    Uni<Void> send(String topic, String key, RecordHeaders headers, byte[] payload) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(key)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(payload).addMetadata(metadata));
    }
}

package io.skybridge.inventory.messaging;

import io.skybridge.shared.messaging.InboundBatch;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code skybridge.networking.events} through the shared pipeline (inbox dedupe, DLQ), a whole poll batch per transaction
 * ({@code batch=true}, {@link InboundBatch}).
 */
@ApplicationScoped
public class NetworkingEventsConsumer {
    static final String CHANNEL = "networking-events";

    @Inject
    InboundBatch pipeline;

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return pipeline.process(CHANNEL, records);
    }
}

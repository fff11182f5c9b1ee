package io.skybridge.failover.messaging;

import io.skybridge.shared.messaging.InboundBatch;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code skybridge.failover.intents} through the shared pipeline, a whole poll batch per transaction ({@code batch=true},
 * {@link InboundBatch}: a refused intent is rolled back to its savepoint and rejected inside the batch).
 */
@ApplicationScoped
public class FailoverIntentConsumer {
    static final String CHANNEL = "failover-intents";

    @Inject
    InboundBatch pipeline;

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return pipeline.process(CHANNEL, records);
    }
}

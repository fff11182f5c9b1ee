package io.skybridge.inventory.messaging;

import io.skybridge.shared.messaging.InboundPipeline;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code skybridge.provisioning.events} through the shared pipeline (inbox dedupe, DLQ). */
@ApplicationScoped
public class ProvisioningEventsConsumer {
    static final String CHANNEL = "provisioning-events";

    @Inject
    InboundPipeline pipeline;

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return pipeline.process(CHANNEL, record);
    }
}

package io.skybridge.failover.messaging;

import io.skybridge.shared.messaging.InboundPipeline;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code skybridge.networking.events}: which links exist (what a COMPROMISE incident isolates). */
@ApplicationScoped
public class NetworkingEventsConsumer {
    static final String CHANNEL = "networking-events";

    @Inject
    InboundPipeline pipeline;

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return pipeline.process(CHANNEL, record);
    }
}

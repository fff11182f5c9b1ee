package io.skybridge.failover.messaging;

import io.skybridge.shared.messaging.InboundPipeline;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code skybridge.health.observations}: the evidence outage detection works from. */
@ApplicationScoped
public class HealthObservationConsumer {
    static final String CHANNEL = "health-observations";

    @Inject
    InboundPipeline pipeline;

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return pipeline.process(CHANNEL, record);
    }
}

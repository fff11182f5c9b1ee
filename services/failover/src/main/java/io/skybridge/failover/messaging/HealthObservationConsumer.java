package io.skybridge.failover.messaging;

import io.skybridge.shared.messaging.InboundPipeline;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code skybridge.health.observations}: the evidence outage detection works from. */
@ApplicationScoped
public class HealthObservationConsumer {
    static final String CHANNEL = "health-observations";

    @Inject
    InboundPipeline pipeline;

    /** Every replica reads every sample (its own consumer group, its own inbox rows): followers stay warm. */
    @ConfigProperty(name = "skybridge.leader.identity")
    String replica;

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return pipeline.process(CHANNEL + "@" + replica, record);
    }
}

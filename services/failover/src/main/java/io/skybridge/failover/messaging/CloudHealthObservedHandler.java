package io.skybridge.failover.messaging;

import io.skybridge.contracts.health.CloudHealthObserved;
import io.skybridge.failover.detection.HealthSample;
import io.skybridge.failover.detection.OutageDetection;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/** Feeds every health sample to the detector; a decision it makes is applied in the same transaction. */
@ApplicationScoped
public class CloudHealthObservedHandler implements MessageHandler<CloudHealthObserved> {

    @Inject
    OutageDetection detection;

    @Override
    public Class<CloudHealthObserved> messageType() {
        return CloudHealthObserved.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<CloudHealthObserved> message) {
        CloudHealthObserved o = message.payload();
        var decisions = detection.detector().observe(
                new HealthSample(o.cloud(), o.observer(), o.observerLocation(), o.healthy(), o.observedAt()), Instant.now());
        if (decisions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (!detection.applies()) {
            // a follower keeps its detector warm for a handover; the leader's detector makes the same decision
            decisions.forEach(detection.detector()::revert);
            return Uni.createFrom().voidItem();
        }
        // if the transaction does not commit, the decisions are undone and made again on the next sample or tick
        return detection.applyFenced(decisions).onFailure().invoke(e -> decisions.forEach(detection.detector()::revert));
    }
}

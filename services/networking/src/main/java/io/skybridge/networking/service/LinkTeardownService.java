package io.skybridge.networking.service;

import io.skybridge.contracts.common.IntentAccepted;
import io.skybridge.contracts.networking.NetworkLinkTeardownRequested;
import io.skybridge.networking.domain.LinkPhase;
import io.skybridge.networking.repository.NetworkLinkRepository;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.RejectedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;

/** Marks a link for teardown; the saga deletes its resources newest first. */
@ApplicationScoped
public class LinkTeardownService {

    @Inject
    NetworkLinkRepository links;

    @Inject
    EventPublisher events;

    public Uni<Void> tearDown(InboundMessage<NetworkLinkTeardownRequested> message) {
        String linkId = message.payload().linkId();
        return links.findById(linkId).chain(link -> {
            if (link == null) {
                throw new RejectedException("no link " + linkId, List.of("linkId " + linkId + " does not exist"));
            }
            if (link.phase == LinkPhase.TORN_DOWN) {
                throw new RejectedException("link " + linkId + " is already torn down", List.of("linkId " + linkId + " is TORN_DOWN"));
            }
            link.phase = LinkPhase.TEARING_DOWN;
            // the teardown's events continue the teardown intent's story
            link.intentId = message.metadata().id();
            link.correlationId = message.metadata().correlationId();
            link.traceparent = message.metadata().traceparent();
            link.updatedAt = Instant.now();
            return events.publish(new IntentAccepted(message.metadata().id(), message.type().ceType(), linkId),
                    message.metadata());
        }).replaceWithVoid();
    }
}

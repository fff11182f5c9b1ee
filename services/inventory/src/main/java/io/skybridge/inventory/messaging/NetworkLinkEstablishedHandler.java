package io.skybridge.inventory.messaging;

import io.skybridge.contracts.networking.NetworkLinkEstablished;
import io.skybridge.inventory.service.LinkService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A link is up. */
@ApplicationScoped
public class NetworkLinkEstablishedHandler implements MessageHandler<NetworkLinkEstablished> {

    @Inject
    LinkService service;

    @Override
    public Class<NetworkLinkEstablished> messageType() {
        return NetworkLinkEstablished.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NetworkLinkEstablished> message) {
        return service.established(message.payload());
    }
}

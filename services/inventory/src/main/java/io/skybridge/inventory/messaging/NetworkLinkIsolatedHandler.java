package io.skybridge.inventory.messaging;

import io.skybridge.contracts.networking.NetworkLinkIsolated;
import io.skybridge.inventory.service.LinkService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A link was isolated. */
@ApplicationScoped
public class NetworkLinkIsolatedHandler implements MessageHandler<NetworkLinkIsolated> {

    @Inject
    LinkService service;

    @Override
    public Class<NetworkLinkIsolated> messageType() {
        return NetworkLinkIsolated.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NetworkLinkIsolated> message) {
        return service.isolated(message.payload());
    }
}

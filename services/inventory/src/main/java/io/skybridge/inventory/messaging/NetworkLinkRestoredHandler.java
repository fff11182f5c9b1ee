package io.skybridge.inventory.messaging;

import io.skybridge.contracts.networking.NetworkLinkRestored;
import io.skybridge.inventory.service.LinkService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An isolated link is back. */
@ApplicationScoped
public class NetworkLinkRestoredHandler implements MessageHandler<NetworkLinkRestored> {

    @Inject
    LinkService service;

    @Override
    public Class<NetworkLinkRestored> messageType() {
        return NetworkLinkRestored.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NetworkLinkRestored> message) {
        return service.restored(message.payload());
    }
}

package io.skybridge.inventory.messaging;

import io.skybridge.contracts.networking.NetworkLinkFailed;
import io.skybridge.inventory.service.LinkService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A link could not be built. */
@ApplicationScoped
public class NetworkLinkFailedHandler implements MessageHandler<NetworkLinkFailed> {

    @Inject
    LinkService service;

    @Override
    public Class<NetworkLinkFailed> messageType() {
        return NetworkLinkFailed.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NetworkLinkFailed> message) {
        return service.failed(message.payload());
    }
}

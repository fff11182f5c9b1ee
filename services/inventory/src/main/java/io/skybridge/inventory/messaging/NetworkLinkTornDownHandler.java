package io.skybridge.inventory.messaging;

import io.skybridge.contracts.networking.NetworkLinkTornDown;
import io.skybridge.inventory.service.LinkService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A link is gone. */
@ApplicationScoped
public class NetworkLinkTornDownHandler implements MessageHandler<NetworkLinkTornDown> {

    @Inject
    LinkService service;

    @Override
    public Class<NetworkLinkTornDown> messageType() {
        return NetworkLinkTornDown.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NetworkLinkTornDown> message) {
        return service.tornDown(message.payload());
    }
}

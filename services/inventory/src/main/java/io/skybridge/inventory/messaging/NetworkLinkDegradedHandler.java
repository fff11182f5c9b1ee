package io.skybridge.inventory.messaging;

import io.skybridge.contracts.networking.NetworkLinkDegraded;
import io.skybridge.inventory.service.LinkService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A link lost tunnels. */
@ApplicationScoped
public class NetworkLinkDegradedHandler implements MessageHandler<NetworkLinkDegraded> {

    @Inject
    LinkService service;

    @Override
    public Class<NetworkLinkDegraded> messageType() {
        return NetworkLinkDegraded.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NetworkLinkDegraded> message) {
        return service.degraded(message.payload());
    }
}

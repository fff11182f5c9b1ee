package io.skybridge.networking.messaging;

import io.skybridge.contracts.networking.NetworkLinkRestorationRequested;
import io.skybridge.networking.service.LinkIsolationService;
import io.skybridge.networking.service.LinkSaga;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class NetworkLinkRestorationRequestedHandler implements MessageHandler<NetworkLinkRestorationRequested> {

    @Inject
    LinkIsolationService service;

    @Inject
    LinkSaga saga;

    @Override
    public Class<NetworkLinkRestorationRequested> messageType() {
        return NetworkLinkRestorationRequested.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NetworkLinkRestorationRequested> message) {
        return service.restore(message).replaceWithVoid();
    }

    @Override
    public void afterCommit(InboundMessage<NetworkLinkRestorationRequested> message) {
        saga.kick(message.payload().linkId());
    }
}

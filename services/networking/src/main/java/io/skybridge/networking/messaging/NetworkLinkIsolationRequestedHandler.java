package io.skybridge.networking.messaging;

import io.skybridge.contracts.networking.NetworkLinkIsolationRequested;
import io.skybridge.networking.service.LinkIsolationService;
import io.skybridge.networking.service.LinkSaga;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class NetworkLinkIsolationRequestedHandler implements MessageHandler<NetworkLinkIsolationRequested> {

    @Inject
    LinkIsolationService service;

    @Inject
    LinkSaga saga;

    @Override
    public Class<NetworkLinkIsolationRequested> messageType() {
        return NetworkLinkIsolationRequested.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NetworkLinkIsolationRequested> message) {
        return service.isolate(message).replaceWithVoid();
    }

    @Override
    public void afterCommit(InboundMessage<NetworkLinkIsolationRequested> message) {
        saga.kick(message.payload().linkId());
    }
}

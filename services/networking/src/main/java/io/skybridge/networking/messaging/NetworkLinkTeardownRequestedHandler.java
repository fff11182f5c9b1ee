package io.skybridge.networking.messaging;

import io.skybridge.contracts.networking.NetworkLinkTeardownRequested;
import io.skybridge.networking.service.LinkSaga;
import io.skybridge.networking.service.LinkTeardownService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class NetworkLinkTeardownRequestedHandler implements MessageHandler<NetworkLinkTeardownRequested> {

    @Inject
    LinkTeardownService service;

    @Inject
    LinkSaga saga;

    @Override
    public Class<NetworkLinkTeardownRequested> messageType() {
        return NetworkLinkTeardownRequested.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NetworkLinkTeardownRequested> message) {
        return service.tearDown(message);
    }

    @Override
    public void afterCommit(InboundMessage<NetworkLinkTeardownRequested> message) {
        saga.kick(message.payload().linkId());
    }
}

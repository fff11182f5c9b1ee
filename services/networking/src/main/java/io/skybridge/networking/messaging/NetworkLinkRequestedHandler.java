package io.skybridge.networking.messaging;

import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.networking.service.LinkRequestService;
import io.skybridge.networking.service.LinkSaga;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class NetworkLinkRequestedHandler implements MessageHandler<NetworkLinkRequested> {

    @Inject
    LinkRequestService service;

    @Inject
    LinkSaga saga;

    @Override
    public Class<NetworkLinkRequested> messageType() {
        return NetworkLinkRequested.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NetworkLinkRequested> message) {
        return service.request(message);
    }

    @Override
    public void afterCommit(InboundMessage<NetworkLinkRequested> message) {
        saga.kick(message.payload().linkId());
    }
}

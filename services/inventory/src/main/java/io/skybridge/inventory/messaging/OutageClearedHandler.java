package io.skybridge.inventory.messaging;

import io.skybridge.contracts.failover.OutageCleared;
import io.skybridge.inventory.service.OutageService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A cloud (or region) is healthy again. */
@ApplicationScoped
public class OutageClearedHandler implements MessageHandler<OutageCleared> {

    @Inject
    OutageService service;

    @Override
    public Class<OutageCleared> messageType() {
        return OutageCleared.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<OutageCleared> message) {
        return service.cleared(message.payload());
    }
}

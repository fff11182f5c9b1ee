package io.skybridge.inventory.messaging;

import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.inventory.service.OutageService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A cloud (or region) is declared out. */
@ApplicationScoped
public class OutageDeclaredHandler implements MessageHandler<OutageDeclared> {

    @Inject
    OutageService service;

    @Override
    public Class<OutageDeclared> messageType() {
        return OutageDeclared.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<OutageDeclared> message) {
        return service.declared(message.payload());
    }
}

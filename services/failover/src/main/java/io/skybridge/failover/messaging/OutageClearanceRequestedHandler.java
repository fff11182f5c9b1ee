package io.skybridge.failover.messaging;

import io.skybridge.contracts.failover.OutageClearanceRequested;
import io.skybridge.failover.service.OutageClearanceService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class OutageClearanceRequestedHandler implements MessageHandler<OutageClearanceRequested> {

    @Inject
    OutageClearanceService service;

    @Override
    public Class<OutageClearanceRequested> messageType() {
        return OutageClearanceRequested.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<OutageClearanceRequested> message) {
        return service.clear(message);
    }
}

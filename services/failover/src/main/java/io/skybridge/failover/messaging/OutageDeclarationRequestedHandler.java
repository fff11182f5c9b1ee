package io.skybridge.failover.messaging;

import io.skybridge.contracts.failover.OutageDeclarationRequested;
import io.skybridge.failover.saga.FailoverSaga;
import io.skybridge.failover.service.OutageDeclarationService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class OutageDeclarationRequestedHandler implements MessageHandler<OutageDeclarationRequested> {

    @Inject
    OutageDeclarationService service;

    @Inject
    FailoverSaga saga;

    @Override
    public Class<OutageDeclarationRequested> messageType() {
        return OutageDeclarationRequested.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<OutageDeclarationRequested> message) {
        return service.declare(message);
    }

    @Override
    public void afterCommit(InboundMessage<OutageDeclarationRequested> message) {
        saga.sweepSoon();
    }
}

package io.skybridge.failover.messaging;

import io.skybridge.contracts.failover.FailbackRequested;
import io.skybridge.failover.saga.FailbackSaga;
import io.skybridge.failover.service.FailbackService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.skybridge.shared.messaging.RejectedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** An operator asks to fail back after an incident (policy manual, or a COMPROMISE incident). */
@ApplicationScoped
public class FailbackRequestedHandler implements MessageHandler<FailbackRequested> {

    @Inject
    FailbackService service;

    @Inject
    FailbackSaga saga;

    @Override
    public Class<FailbackRequested> messageType() {
        return FailbackRequested.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<FailbackRequested> message) {
        String principal = message.metadata().principal();
        if (principal == null || principal.isBlank()) {
            return Uni.createFrom().failure(new RejectedException("a failback request needs an acting principal",
                    List.of("ce_principal header is missing")));
        }
        FailbackRequested r = message.payload();
        return service.request(r.incidentId(), r.epoch(), principal, message.metadata(), message.type().ceType());
    }

    @Override
    public void afterCommit(InboundMessage<FailbackRequested> message) {
        saga.kick(message.payload().incidentId());
    }
}

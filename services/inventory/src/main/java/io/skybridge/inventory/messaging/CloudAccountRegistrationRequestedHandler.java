package io.skybridge.inventory.messaging;

import io.skybridge.contracts.inventory.CloudAccountRegistrationRequested;
import io.skybridge.inventory.service.CloudAccountService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class CloudAccountRegistrationRequestedHandler implements MessageHandler<CloudAccountRegistrationRequested> {

    @Inject
    CloudAccountService service;

    @Override
    public Class<CloudAccountRegistrationRequested> messageType() {
        return CloudAccountRegistrationRequested.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<CloudAccountRegistrationRequested> message) {
        return service.register(message);
    }
}

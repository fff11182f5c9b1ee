package io.skybridge.provisioning.messaging;

import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import io.skybridge.provisioning.service.FailureCooldown;
import io.skybridge.provisioning.service.PoolReconciler;
import io.skybridge.provisioning.service.PoolScaleService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class NodePoolScaleRequestedHandler implements MessageHandler<NodePoolScaleRequested> {

    @Inject
    PoolScaleService service;

    @Inject
    PoolReconciler reconciler;

    @Inject
    FailureCooldown cooldown;

    @Override
    public Class<NodePoolScaleRequested> messageType() {
        return NodePoolScaleRequested.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NodePoolScaleRequested> message) {
        return service.scale(message);
    }

    @Override
    public void afterCommit(InboundMessage<NodePoolScaleRequested> message) {
        cooldown.clear(message.payload().poolId());
        reconciler.kick(message.payload().poolId());
    }
}

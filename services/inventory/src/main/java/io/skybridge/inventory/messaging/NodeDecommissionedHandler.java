package io.skybridge.inventory.messaging;

import io.skybridge.contracts.provisioning.NodeDecommissioned;
import io.skybridge.inventory.service.NodeRecordService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** A node's VM is gone. */
@ApplicationScoped
public class NodeDecommissionedHandler implements MessageHandler<NodeDecommissioned> {

    @Inject
    NodeRecordService service;

    @Override
    public Class<NodeDecommissioned> messageType() {
        return NodeDecommissioned.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NodeDecommissioned> message) {
        return service.decommissioned(message.payload(), message.metadata());
    }

    @Override
    public Uni<Void> prefetch(List<InboundMessage<NodeDecommissioned>> messages) {
        return service.prefetch(messages.stream().map(m -> m.payload().nodeId()).toList());
    }

    @Override
    public Uni<Void> completeBatch(List<InboundMessage<NodeDecommissioned>> messages) {
        return service.completeBatch();
    }
}

package io.skybridge.inventory.messaging;

import io.skybridge.contracts.provisioning.NodeDecommissioned;
import io.skybridge.shared.messaging.InboundMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A node's VM is gone. */
@ApplicationScoped
public class NodeDecommissionedHandler extends NodeRecordHandler<NodeDecommissioned> {

    @Override
    public Class<NodeDecommissioned> messageType() {
        return NodeDecommissioned.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NodeDecommissioned> message) {
        return service.decommissioned(message.payload(), message.metadata());
    }
}

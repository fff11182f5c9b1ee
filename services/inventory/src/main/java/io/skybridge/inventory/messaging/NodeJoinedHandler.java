package io.skybridge.inventory.messaging;

import io.skybridge.contracts.provisioning.NodeJoined;
import io.skybridge.shared.messaging.InboundMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A node joined the cluster (may arrive before NodeProvisioned). */
@ApplicationScoped
public class NodeJoinedHandler extends NodeRecordHandler<NodeJoined> {

    @Override
    public Class<NodeJoined> messageType() {
        return NodeJoined.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NodeJoined> message) {
        return service.joined(message.payload(), message.metadata());
    }
}

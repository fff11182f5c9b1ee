package io.skybridge.inventory.messaging;

import io.skybridge.contracts.provisioning.NodeJoined;
import io.skybridge.inventory.service.NodeRecordService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** A node joined the cluster (may arrive before NodeProvisioned). */
@ApplicationScoped
public class NodeJoinedHandler implements MessageHandler<NodeJoined> {

    @Inject
    NodeRecordService service;

    @Override
    public Class<NodeJoined> messageType() {
        return NodeJoined.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NodeJoined> message) {
        return service.joined(message.payload(), message.metadata());
    }

    @Override
    public Uni<Void> prefetch(List<InboundMessage<NodeJoined>> messages) {
        return service.prefetch(messages.stream().map(m -> m.payload().nodeId()).toList());
    }

    @Override
    public Uni<Void> completeBatch(List<InboundMessage<NodeJoined>> messages) {
        return service.completeBatch();
    }
}

package io.skybridge.inventory.messaging;

import io.skybridge.contracts.provisioning.NodeProvisioned;
import io.skybridge.inventory.service.NodeRecordService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** A VM of a node is up: record its cloud, place, instance and machine type. */
@ApplicationScoped
public class NodeProvisionedHandler implements MessageHandler<NodeProvisioned> {

    @Inject
    NodeRecordService service;

    @Override
    public Class<NodeProvisioned> messageType() {
        return NodeProvisioned.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NodeProvisioned> message) {
        return service.provisioned(message.payload(), message.metadata());
    }

    @Override
    public Uni<Void> prefetch(List<InboundMessage<NodeProvisioned>> messages) {
        return service.prefetch(messages.stream().map(m -> m.payload().nodeId()).toList());
    }

    @Override
    public Uni<Void> completeBatch(List<InboundMessage<NodeProvisioned>> messages) {
        return service.completeBatch();
    }
}

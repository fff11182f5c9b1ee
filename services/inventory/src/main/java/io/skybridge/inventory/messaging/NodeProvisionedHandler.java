package io.skybridge.inventory.messaging;

import io.skybridge.contracts.provisioning.NodeProvisioned;
import io.skybridge.shared.messaging.InboundMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A VM of a node is up: record its cloud, place, instance and machine type. */
@ApplicationScoped
public class NodeProvisionedHandler extends NodeRecordHandler<NodeProvisioned> {

    @Override
    public Class<NodeProvisioned> messageType() {
        return NodeProvisioned.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NodeProvisioned> message) {
        return service.provisioned(message.payload(), message.metadata());
    }
}

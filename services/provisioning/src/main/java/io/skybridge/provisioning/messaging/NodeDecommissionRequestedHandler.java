package io.skybridge.provisioning.messaging;

import io.skybridge.contracts.provisioning.NodeDecommissionRequested;
import io.skybridge.provisioning.service.DecommissionService;
import io.skybridge.provisioning.service.NodeLauncher;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class NodeDecommissionRequestedHandler implements MessageHandler<NodeDecommissionRequested> {

    @Inject
    DecommissionService service;

    @Inject
    NodeLauncher launcher;

    @Override
    public Class<NodeDecommissionRequested> messageType() {
        return NodeDecommissionRequested.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<NodeDecommissionRequested> message) {
        return service.decommission(message);
    }

    @Override
    public void afterCommit(InboundMessage<NodeDecommissionRequested> message) {
        launcher.submit(message.payload().nodeId());
    }
}

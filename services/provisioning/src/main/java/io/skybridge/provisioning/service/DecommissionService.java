package io.skybridge.provisioning.service;

import io.skybridge.contracts.common.IntentAccepted;
import io.skybridge.contracts.provisioning.NodeDecommissionRequested;
import io.skybridge.provisioning.domain.NodePhase;
import io.skybridge.provisioning.domain.NodePool;
import io.skybridge.provisioning.domain.NodeRequest;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.RejectedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;

/**
 * Marks a node for decommissioning (the saga drains and terminates it). The pool shrinks by one while it
 * is above its minimum; at the minimum the node is replaced by the reconcile.
 */
@ApplicationScoped
public class DecommissionService {

    @Inject
    EventPublisher events;

    public Uni<Void> decommission(InboundMessage<NodeDecommissionRequested> message) {
        NodeDecommissionRequested r = message.payload();
        return NodeRequest.<NodeRequest>findById(r.nodeId(), LockModeType.PESSIMISTIC_WRITE).chain(n -> {
            if (n == null || !n.poolId.equals(r.poolId())) {
                throw new RejectedException("node " + r.nodeId() + " cannot be decommissioned",
                        List.of("no node " + r.nodeId() + " in pool " + r.poolId()));
            }
            if (!NodePhase.ACTIVE.contains(n.phase) && n.phase != NodePhase.DECOMMISSIONING) {
                throw new RejectedException("node " + r.nodeId() + " cannot be decommissioned",
                        List.of("node " + r.nodeId() + " is " + n.phase));
            }
            boolean wasActive = NodePhase.ACTIVE.contains(n.phase);
            n.phase = NodePhase.DECOMMISSIONING;
            n.drain = r.drain();
            n.updatedAt = Instant.now();
            return NodePool.<NodePool>findById(n.poolId, LockModeType.PESSIMISTIC_WRITE).invoke(pool -> {
                if (wasActive && pool.desiredSize > pool.minSize) {
                    pool.desiredSize--;
                    pool.updatedAt = Instant.now();
                }
            });
        }).chain(() -> events.publish(new IntentAccepted(message.metadata().id(), message.type().ceType(), r.nodeId()),
                message.metadata())).replaceWithVoid();
    }
}

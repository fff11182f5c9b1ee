package io.skybridge.provisioning.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.common.IntentAccepted;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import io.skybridge.provisioning.domain.NodePool;
import io.skybridge.provisioning.repository.NodePoolRepository;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.RejectedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Records a pool's definition and desired size. */
@ApplicationScoped
public class PoolScaleService {

    @Inject
    NodePoolRepository pools;

    @Inject
    EventPublisher events;

    @Inject
    PoolPolicy policy;

    public Uni<Void> scale(InboundMessage<NodePoolScaleRequested> message) {
        NodePoolScaleRequested r = message.payload();
        return pools.findById(r.poolId()).chain(existing -> {
            List<String> violations = new java.util.ArrayList<>(PoolSpecification.check(r, existing));
            violations.addAll(policy.check(r));
            if (!violations.isEmpty()) {
                throw new RejectedException("pool " + r.poolId() + " cannot be scaled as asked", violations);
            }
            NodePool pool = existing != null ? existing : newPool(r);
            apply(pool, r, message);
            return existing != null ? Uni.createFrom().item(pool) : pools.persist(pool);
        }).chain(pool -> events.publish(
                new IntentAccepted(message.metadata().id(), message.type().ceType(), pool.id), message.metadata())
                .invoke(accepted -> pool.causeEventId = accepted.id()))
                .replaceWithVoid();
    }

    private static NodePool newPool(NodePoolScaleRequested r) {
        NodePool pool = new NodePool();
        pool.id = r.poolId();
        pool.cloud = r.cloud();
        pool.region = r.region();
        pool.createdAt = Instant.now();
        return pool;
    }

    private static void apply(NodePool pool, NodePoolScaleRequested r, InboundMessage<?> message) {
        pool.zones = json(r.zones());
        pool.machineType = r.machineType();
        pool.fallbackMachineTypes = json(r.fallbackMachineTypes() == null ? List.of() : r.fallbackMachineTypes());
        pool.image = r.image();
        pool.labels = json(r.labels() == null ? Map.of() : r.labels());
        pool.taints = json(r.taints() == null ? List.of() : r.taints());
        pool.minSize = r.min();
        pool.maxSize = r.max();
        pool.desiredSize = r.desired();
        pool.lastIntentId = message.metadata().id();
        pool.requestedBy = message.metadata().principal();
        pool.correlationId = message.metadata().correlationId();
        pool.traceparent = message.metadata().traceparent();
        pool.updatedAt = Instant.now();
    }

    private static String json(Object value) {
        try {
            return ContractJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

package io.skybridge.provisioning.repository;

import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.provisioning.domain.NodePhase;
import io.skybridge.provisioning.domain.NodePool;
import io.skybridge.provisioning.domain.NodeRequest;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.repository.BlockingTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Blocking access to pools and nodes for the saga threads, which make blocking cloud calls between
 * transactions. Every method is one transaction; events go through the outbox in the same transaction.
 */
@ApplicationScoped
public class NodeStore {

    /** A pool and its nodes (detached copies). */
    public record PoolSnapshot(NodePool pool, List<NodeRequest> nodes) {
    }

    @Inject
    EventPublisher events;

    @Inject
    BlockingTransactions transactions;

    private <T> T tx(Supplier<Uni<T>> work) {
        return transactions.inTransaction(work);
    }

    /** The story a node's events continue: the intent that asked for it (correlation) via its acceptance (causation). */
    public static EventMetadata causeOf(NodeRequest n) {
        String causation = n.causationId != null ? n.causationId : n.intentId;
        return new EventMetadata(causation, "io.skybridge.provisioning.IntentAccepted.v1", "skybridge://provisioning",
                n.id, null, n.correlationId != null ? n.correlationId : n.intentId, causation, n.requestedBy, n.traceparent);
    }

    public PoolSnapshot pool(String poolId) {
        return tx(() -> NodePool.<NodePool>findById(poolId).chain(pool -> pool == null ? Uni.createFrom().nullItem()
                : NodeRequest.<NodeRequest>list("poolId = ?1 order by ordinal", poolId)
                .map(nodes -> new PoolSnapshot(pool, nodes))));
    }

    /** The pool's definition alone. */
    public NodePool poolDefinition(String poolId) {
        return tx(() -> NodePool.findById(poolId));
    }

    public List<String> poolIds() {
        return tx(() -> NodePool.<NodePool>listAll().map(all -> all.stream().map(p -> p.id).toList()));
    }

    public NodeRequest node(String nodeId) {
        return tx(() -> NodeRequest.findById(nodeId));
    }

    public List<NodeRequest> nodesIn(Set<NodePhase> phases) {
        return tx(() -> NodeRequest.list("phase in ?1", phases));
    }

    /** Adds nodes to a pool (advancing its ordinal counter) and publishes their first events. */
    public void addNodes(String poolId, int nextOrdinal, List<NodeRequest> nodes,
                         Function<NodeRequest, List<SkybridgeMessage>> toPublish) {
        tx(() -> NodePool.<NodePool>findById(poolId, LockModeType.PESSIMISTIC_WRITE).chain(pool -> {
            if (pool.nextOrdinal > nextOrdinal - nodes.size()) {
                throw new IllegalStateException("pool " + poolId + " changed meanwhile");
            }
            pool.nextOrdinal = nextOrdinal;
            Uni<?> chain = Uni.createFrom().voidItem();
            for (NodeRequest n : nodes) {
                chain = chain.chain(() -> n.persist());
                for (SkybridgeMessage m : toPublish.apply(n)) {
                    chain = chain.chain(() -> events.publish(m, causeOf(n)));
                }
            }
            return chain.replaceWithVoid();
        }));
    }

    /** A node claimed for work, with its pool's definition, read in one transaction. */
    public record Claimed(NodeRequest node, NodePool pool) {
    }

    /**
     * Reads a node and its pool's definition in one transaction, moving a REQUESTED node to LAUNCHING on the way
     * (under a row lock, so two threads cannot both claim it).
     *
     * @return null when the node does not exist
     */
    public Claimed claim(String nodeId) {
        return tx(() -> NodeRequest.<NodeRequest>findById(nodeId, LockModeType.PESSIMISTIC_WRITE).chain(n -> {
            if (n == null) {
                return Uni.createFrom().nullItem();
            }
            if (n.phase == NodePhase.REQUESTED) {
                n.phase = NodePhase.LAUNCHING;
                n.updatedAt = Instant.now();
            }
            if (n.phase != NodePhase.LAUNCHING) {
                return Uni.createFrom().item(new Claimed(n, null));
            }
            return NodePool.<NodePool>findById(n.poolId).map(pool -> new Claimed(n, pool));
        }));
    }

    /** Nodes claimed together for one multi-instance launch, in launch-index order, with their pool. */
    public record ClaimedBatch(NodePool pool, List<NodeRequest> nodes) {
    }

    /**
     * Claims the REQUESTED nodes of {@code nodeIds} (one pool) for batched launches, in one transaction under row
     * locks: groups them by (zone, machine type) in ordinal order, in groups of at most {@code maxSize}, and moves
     * every node of a group of two or more to LAUNCHING with the group's token ({@code token} of its members) and
     * its launch index. Single nodes stay REQUESTED (launched on their own).
     */
    public List<ClaimedBatch> claimBatches(Collection<String> nodeIds, int maxSize,
                                           Function<List<NodeRequest>, String> token) {
        if (nodeIds.isEmpty()) {
            return List.of();
        }
        return tx(() -> NodeRequest.<NodeRequest>find("id in ?1 and phase = ?2 order by ordinal", List.copyOf(nodeIds),
                NodePhase.REQUESTED).withLock(LockModeType.PESSIMISTIC_WRITE).list().chain(nodes -> {
                    if (nodes.isEmpty()) {
                        return Uni.createFrom().item(List.<ClaimedBatch>of());
                    }
                    java.util.Map<String, List<NodeRequest>> groups = new java.util.LinkedHashMap<>();
                    for (NodeRequest n : nodes) {
                        groups.computeIfAbsent(n.poolId + "|" + n.zone + "|" + n.machineType, k -> new ArrayList<>()).add(n);
                    }
                    List<List<NodeRequest>> batches = new ArrayList<>();
                    for (List<NodeRequest> group : groups.values()) {
                        for (int from = 0; from < group.size(); from += maxSize) {
                            List<NodeRequest> batch = group.subList(from, Math.min(group.size(), from + maxSize));
                            if (batch.size() > 1) {
                                batches.add(batch);
                            }
                        }
                    }
                    Instant now = Instant.now();
                    for (List<NodeRequest> batch : batches) {
                        String key = token.apply(batch);
                        for (int i = 0; i < batch.size(); i++) {
                            NodeRequest n = batch.get(i);
                            n.phase = NodePhase.LAUNCHING;
                            n.launchBatch = key;
                            n.launchIndex = i;
                            n.updatedAt = now;
                        }
                    }
                    return NodePool.<NodePool>findById(nodes.get(0).poolId)
                            .map(pool -> batches.stream().map(b -> new ClaimedBatch(pool, List.copyOf(b))).toList());
                }));
    }

    /** Every node of a launch batch (any phase), in launch-index order, with their pool. */
    public ClaimedBatch batch(String launchBatch) {
        return tx(() -> NodeRequest.<NodeRequest>list("launchBatch = ?1 order by launchIndex", launchBatch)
                .chain(nodes -> nodes.isEmpty() ? Uni.createFrom().nullItem()
                        : NodePool.<NodePool>findById(nodes.get(0).poolId).map(pool -> new ClaimedBatch(pool, nodes))));
    }

    /**
     * Changes, in one transaction, every node of {@code nodeIds} that is in one of {@code expected} phases and
     * that {@code accept} accepts, publishing the events each change yields (a batch of phase updates).
     *
     * @return the changed nodes
     */
    public List<NodeRequest> transitionAll(Collection<String> nodeIds, Set<NodePhase> expected,
                                           Predicate<NodeRequest> accept,
                                           Function<NodeRequest, List<SkybridgeMessage>> change) {
        if (nodeIds.isEmpty()) {
            return List.of();
        }
        return tx(() -> NodeRequest.<NodeRequest>find("id in ?1 and phase in ?2 order by id", List.copyOf(nodeIds), expected)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().chain(nodes -> {
                    List<NodeRequest> changed = new ArrayList<>();
                    Uni<?> chain = Uni.createFrom().voidItem();
                    Instant now = Instant.now();
                    for (NodeRequest n : nodes) {
                        if (!accept.test(n)) {
                            continue;
                        }
                        List<SkybridgeMessage> out = change.apply(n);
                        n.updatedAt = now;
                        changed.add(n);
                        for (SkybridgeMessage m : out) {
                            chain = chain.chain(() -> events.publish(m, causeOf(n)));
                        }
                    }
                    return chain.replaceWith(changed);
                }));
    }

    /**
     * Changes a node if it is in one of {@code expected} phases (checked under a row lock, so two threads
     * cannot both make the same transition), publishing the events the change yields.
     *
     * @return the changed node, or null when it was not in an expected phase
     */
    public NodeRequest transition(String nodeId, Set<NodePhase> expected,
                                  Function<NodeRequest, List<SkybridgeMessage>> change) {
        return tx(() -> NodeRequest.<NodeRequest>findById(nodeId, LockModeType.PESSIMISTIC_WRITE).chain(n -> {
            if (n == null || !expected.contains(n.phase)) {
                return Uni.createFrom().nullItem();
            }
            List<SkybridgeMessage> out = change.apply(n);
            n.updatedAt = Instant.now();
            Uni<?> chain = Uni.createFrom().voidItem();
            for (SkybridgeMessage m : out) {
                chain = chain.chain(() -> events.publish(m, causeOf(n)));
            }
            return chain.replaceWith(n);
        }));
    }
}

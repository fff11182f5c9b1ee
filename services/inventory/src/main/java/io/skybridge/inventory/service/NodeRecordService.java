package io.skybridge.inventory.service;

import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.inventory.NodeObserved;
import io.skybridge.contracts.provisioning.NodeDecommissioned;
import io.skybridge.contracts.provisioning.NodeJoined;
import io.skybridge.contracts.provisioning.NodeProvisioned;
import io.skybridge.inventory.domain.NodeObservation;
import io.skybridge.inventory.domain.NodeRecord;
import io.skybridge.shared.messaging.EventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Merges provisioning's node events into {@link NodeRecord}: each fills in what it knows and keeps the
 * latest of each timestamp, so any order converges and a repeated event changes nothing (and then
 * publishes nothing). A real change publishes {@code NodeObserved} with the merged view.
 */
@ApplicationScoped
public class NodeRecordService {

    @Inject
    EventPublisher events;

    @Inject
    NodeRecordBatch batch;

    /** Loads what a poll batch of events about these nodes will touch (see {@link NodeRecordBatch}). */
    public Uni<Void> prefetch(List<String> nodeIds) {
        return batch.prefetch(nodeIds);
    }

    /** Writes what the batch changed (once all its events were merged). */
    public Uni<Void> completeBatch() {
        return batch.write();
    }

    public Uni<Void> provisioned(NodeProvisioned e, EventMetadata cause) {
        return merge(e.nodeId(), r -> {
            fill(r, e.cloud(), e.region(), e.zone(), e.poolId(), e.instanceId());
            r.machineType = or(e.machineType(), r.machineType);
            r.privateIp = or(e.privateIp(), r.privateIp);
            r.provisionedAt = latest(r.provisionedAt, e.provisionedAt());
        }, cause);
    }

    public Uni<Void> joined(NodeJoined e, EventMetadata cause) {
        return merge(e.nodeId(), r -> {
            fill(r, e.cloud(), e.region(), e.zone(), e.poolId(), e.instanceId());
            r.providerId = or(e.providerId(), r.providerId);
            r.joinedAt = latest(r.joinedAt, e.joinedAt());
        }, cause);
    }

    public Uni<Void> decommissioned(NodeDecommissioned e, EventMetadata cause) {
        return merge(e.nodeId(), r -> {
            fill(r, e.cloud(), null, null, e.poolId(), e.instanceId());
            r.decommissionedAt = latest(r.decommissionedAt, e.decommissionedAt());
        }, cause);
    }

    private Uni<Void> merge(String nodeId, Consumer<NodeRecord> change, EventMetadata cause) {
        return batch.of(nodeId).chain(set -> set != null
                ? mergeInBatch(set, nodeId, change, cause)
                : NodeRecord.<NodeRecord>findById(nodeId).chain(existing -> {
                    NodeRecord r = existing != null ? existing : newRecord(nodeId);
                    if (!changed(r, existing == null, change)) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<?> saved = existing != null ? Uni.createFrom().item(r) : r.persist();
                    return saved.chain(() -> NodeObservation.<NodeObservation>findById(nodeId))
                            .chain(o -> announce(r, o, cause));
                }));
    }

    /** The same merge on the batch's working set: the record is written with the others by {@link #completeBatch}. */
    private Uni<Void> mergeInBatch(NodeRecordBatch.WorkingSet set, String nodeId, Consumer<NodeRecord> change,
                                   EventMetadata cause) {
        NodeRecord existing = set.records.get(nodeId);
        NodeRecord r = existing != null ? existing : newRecord(nodeId);
        if (!changed(r, existing == null, change)) {
            return Uni.createFrom().voidItem();
        }
        set.records.put(nodeId, r);
        set.changed.put(nodeId, r);
        return announce(r, set.observations.get(nodeId), cause);
    }

    /** Applies {@code change}; true (and a new {@code updatedAt}) when it changed anything or the record is new. */
    private static boolean changed(NodeRecord r, boolean isNew, Consumer<NodeRecord> change) {
        List<Object> before = state(r);
        change.accept(r);
        if (!isNew && before.equals(state(r))) {
            return false; // nothing new
        }
        r.updatedAt = Instant.now();
        return true;
    }

    private Uni<Void> announce(NodeRecord r, NodeObservation o, EventMetadata cause) {
        NodeObserved event = NodeView.of(r, o).toEvent();
        return event == null || r.decommissioned() ? Uni.createFrom().voidItem()
                : events.publish(event, cause).replaceWithVoid();
    }

    private static NodeRecord newRecord(String nodeId) {
        NodeRecord r = new NodeRecord();
        r.nodeId = nodeId;
        return r;
    }

    private static void fill(NodeRecord r, String cloud, String region, String zone, String pool, String instance) {
        r.cloud = or(cloud, r.cloud);
        r.region = or(region, r.region);
        r.zone = or(zone, r.zone);
        r.poolId = or(pool, r.poolId);
        r.instanceId = or(instance, r.instanceId);
    }

    private static List<Object> state(NodeRecord r) {
        return java.util.Arrays.asList(r.cloud, r.region, r.zone, r.poolId, r.instanceId, r.machineType,
                r.providerId, r.privateIp, r.provisionedAt, r.joinedAt, r.decommissionedAt);
    }

    private static String or(String incoming, String current) {
        return incoming != null ? incoming : current;
    }

    /** The later of two instants, at PostgreSQL's precision (microseconds) so a stored value compares equal. */
    private static Instant latest(Instant a, Instant b) {
        b = b == null ? null : b.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (a == null) {
            return b;
        }
        return b == null || !b.isAfter(a) ? a : b;
    }

}

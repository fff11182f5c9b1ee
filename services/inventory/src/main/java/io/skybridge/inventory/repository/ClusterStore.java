package io.skybridge.inventory.repository;

import io.skybridge.inventory.domain.NodeObservation;
import io.skybridge.inventory.domain.NodeRecord;
import io.skybridge.inventory.domain.Workload;
import io.skybridge.inventory.service.CapacityWatch;
import io.skybridge.inventory.service.NodeView;
import io.skybridge.inventory.service.PlacementSnapshot;
import io.skybridge.inventory.service.WorkloadView;
import io.skybridge.shared.messaging.EventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes what the informer projected (blocking, one transaction per batch): changed nodes and
 * workloads are saved and announced ({@code NodeObserved} / {@code WorkloadObserved}); unchanged
 * ones cost a read; then the capacity of the touched clouds is rechecked.
 */
@ApplicationScoped
public class ClusterStore {

    @Inject
    Tx tx;

    @Inject
    EventPublisher events;

    @Inject
    CapacityWatch capacity;

    @Inject
    PlacementSnapshot placement;

    public record Batch(Collection<NodeObservation> nodes, Collection<String> goneNodes,
                        Collection<Workload> workloads, Collection<String> goneWorkloads) {
    }

    public void apply(Batch batch) {
        tx.run(() -> {
            Set<String> clouds = new TreeSet<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (NodeObservation n : batch.nodes()) {
                chain = chain.chain(() -> upsert(n, clouds));
            }
            if (!batch.goneNodes().isEmpty()) {
                chain = chain.chain(() -> NodeObservation.<NodeObservation>list("nodeId in ?1", batch.goneNodes())
                        .chain(gone -> {
                            gone.forEach(g -> clouds.add(g.cloud));
                            return NodeObservation.delete("nodeId in ?1", batch.goneNodes());
                        }).replaceWithVoid());
            }
            for (Workload w : batch.workloads()) {
                chain = chain.chain(() -> upsert(w));
            }
            if (!batch.goneWorkloads().isEmpty()) {
                chain = chain.chain(() -> Workload.delete("id in ?1", batch.goneWorkloads()).replaceWithVoid());
            }
            return chain.chain(() -> capacity.recheck(clouds));
        });
        if (!batch.workloads().isEmpty() || !batch.goneWorkloads().isEmpty()) {
            placement.invalidate(); // committed: GET /placement shows it within a refresh
        }
    }

    private Uni<Void> upsert(NodeObservation n, Set<String> clouds) {
        return NodeObservation.<NodeObservation>findById(n.nodeId).chain(existing -> {
            if (n.sameAs(existing)) {
                return Uni.createFrom().voidItem();
            }
            clouds.add(n.cloud);
            if (existing != null) {
                clouds.add(existing.cloud);
            }
            Uni<NodeObservation> saved;
            if (existing != null) {
                existing.copyFrom(n);
                saved = Uni.createFrom().item(existing);
            } else {
                saved = n.persist();
            }
            return saved.chain(o -> NodeRecord.<NodeRecord>findById(o.nodeId)
                    .chain(r -> events.publish(NodeView.of(r, o).toEvent()))).replaceWithVoid();
        });
    }

    private Uni<Void> upsert(Workload w) {
        return Workload.<Workload>findById(w.id).chain(existing -> {
            if (w.sameAs(existing)) {
                return Uni.createFrom().voidItem();
            }
            Uni<Workload> saved;
            if (existing != null) {
                existing.copyFrom(w);
                saved = Uni.createFrom().item(existing);
            } else {
                saved = w.persist();
            }
            return saved.chain(s -> events.publish(WorkloadView.of(s).toEvent())).replaceWithVoid();
        });
    }
}

package io.skybridge.inventory.repository;

import io.skybridge.inventory.domain.NodeObservation;
import io.skybridge.inventory.domain.NodeRecord;
import io.skybridge.inventory.domain.Workload;
import io.skybridge.inventory.service.CapacityWatch;
import io.skybridge.inventory.service.NodeView;
import io.skybridge.inventory.service.PlacementSnapshot;
import io.skybridge.inventory.service.WorkloadView;
import io.skybridge.shared.messaging.EventPublisher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;
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

    /**
     * One transaction for the batch. The rows it may change are loaded first with one query per table, and the
     * items are applied one after the other with {@code Multi} (never one nested {@code chain} per item: the
     * first projection of a large cluster has tens of thousands of them).
     */
    public void apply(Batch batch) {
        tx.run(() -> {
            Set<String> clouds = new TreeSet<>();
            Uni<Void> chain = prefetch(batch)
                    .chain(() -> each(batch.nodes(), n -> upsert(n, clouds)));
            if (!batch.goneNodes().isEmpty()) {
                chain = chain.chain(() -> NodeObservation.<NodeObservation>list("nodeId in ?1", batch.goneNodes())
                        .chain(gone -> {
                            gone.forEach(g -> clouds.add(g.cloud));
                            return NodeObservation.delete("nodeId in ?1", batch.goneNodes());
                        }).replaceWithVoid());
            }
            chain = chain.chain(() -> each(batch.workloads(), this::upsert));
            if (!batch.goneWorkloads().isEmpty()) {
                chain = chain.chain(() -> Workload.delete("id in ?1", batch.goneWorkloads()).replaceWithVoid());
            }
            return chain.chain(() -> capacity.recheck(clouds));
        });
        if (!batch.workloads().isEmpty() || !batch.goneWorkloads().isEmpty()) {
            placement.invalidate(); // committed: GET /placement shows it within a refresh
        }
    }

    private static <T> Uni<Void> each(Collection<T> items, java.util.function.Function<T, Uni<Void>> step) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(item -> step.apply(item))
                .collect().last().replaceWithVoid();
    }

    /** Loads the rows the batch may change into the session, so each upsert finds its row without a query. */
    private Uni<Void> prefetch(Batch batch) {
        List<String> nodeIds = batch.nodes().stream().map(n -> n.nodeId).toList();
        List<String> workloadIds = batch.workloads().stream().map(w -> w.id).toList();
        Uni<?> nodes = nodeIds.isEmpty() ? Uni.createFrom().voidItem()
                : NodeObservation.list("nodeId in ?1", nodeIds).chain(() -> NodeRecord.list("nodeId in ?1", nodeIds));
        return nodes.chain(() -> workloadIds.isEmpty() ? Uni.createFrom().voidItem()
                : Workload.list("id in ?1", workloadIds)).replaceWithVoid();
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

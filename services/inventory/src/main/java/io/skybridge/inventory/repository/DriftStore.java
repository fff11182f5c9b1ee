package io.skybridge.inventory.repository;

import io.skybridge.contracts.inventory.DriftDetected;
import io.skybridge.inventory.domain.Drift;
import io.skybridge.inventory.domain.NodeObservation;
import io.skybridge.inventory.domain.NodeRecord;
import io.skybridge.shared.messaging.EventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Blocking access for the drift sync: what was requested, what the cluster has, the open findings. */
@ApplicationScoped
public class DriftStore {

    @Inject
    Tx tx;

    @Inject
    EventPublisher events;

    public record Model(Set<String> requestedInstances, List<NodeObservation> nodes) {
    }

    public Model model() {
        return tx.run(() -> NodeRecord.<NodeRecord>listAll().chain(records -> NodeObservation.<NodeObservation>listAll()
                .map(nodes -> {
                    Set<String> requested = new HashSet<>();
                    records.forEach(r -> {
                        if (r.instanceId != null) {
                            requested.add(r.instanceId);
                        }
                    });
                    return new Model(requested, nodes);
                })));
    }

    /**
     * Opens the new findings (publishing DriftDetected once each) and closes those of the listed
     * clouds that are no longer found.
     */
    public int record(Collection<Drift> findings, Collection<String> listedClouds) {
        return tx.run(() -> Drift.<Drift>listAll().chain(open -> {
            Set<String> openIds = new HashSet<>();
            open.forEach(d -> openIds.add(d.id));
            Set<String> foundIds = new HashSet<>();
            findings.forEach(f -> foundIds.add(f.id));
            List<String> resolved = open.stream()
                    .filter(d -> listedClouds.contains(d.cloud) && !foundIds.contains(d.id)).map(d -> d.id).toList();
            Uni<Void> chain = resolved.isEmpty() ? Uni.createFrom().voidItem()
                    : Drift.delete("id in ?1", resolved).replaceWithVoid();
            int opened = 0;
            for (Drift f : findings) {
                if (openIds.contains(f.id)) {
                    continue;
                }
                opened++;
                chain = chain.chain(() -> f.persist()).chain(() -> events.publish(new DriftDetected(f.cloud, f.region,
                        f.kind, f.instanceId, f.nodeId, f.detail, f.detectedAt))).replaceWithVoid();
            }
            int count = opened;
            return chain.replaceWith(count);
        }));
    }
}

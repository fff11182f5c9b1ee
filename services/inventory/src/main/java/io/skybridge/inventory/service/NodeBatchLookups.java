package io.skybridge.inventory.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.skybridge.inventory.domain.NodeObservation;
import io.skybridge.inventory.domain.NodeRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Loads, with two queries, the node records and node observations a batch of provisioning events touches:
 * the rows found stay in the session (so {@code findById} answers from it), and the ids found in neither
 * table are remembered for that session only, so a node without a row costs no query per event either.
 * Outside a prefetched batch every lookup is a plain {@code findById}.
 */
@ApplicationScoped
public class NodeBatchLookups {

    private record Absent(Set<String> records, Set<String> observations) {
    }

    /** Per session (one transaction): the ids known to have no row. Weak keys: a closed session drops out. */
    private final Map<Mutiny.Session, Absent> absent = Collections.synchronizedMap(new WeakHashMap<>());

    public Uni<Void> prefetch(Collection<String> nodeIds) {
        List<String> ids = List.copyOf(new HashSet<>(nodeIds));
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return NodeRecord.<NodeRecord>list("nodeId in ?1", ids).chain(records ->
                NodeObservation.<NodeObservation>list("nodeId in ?1", ids).chain(observations -> Panache.getSession()
                        .invoke(session -> {
                            Set<String> noRecord = new HashSet<>(ids);
                            records.forEach(r -> noRecord.remove(r.nodeId));
                            Set<String> noObservation = new HashSet<>(ids);
                            observations.forEach(o -> noObservation.remove(o.nodeId));
                            absent.put(session, new Absent(noRecord, noObservation));
                        })))
                .replaceWithVoid();
    }

    /** The node's record; null when it has none (yet). */
    public Uni<NodeRecord> record(String nodeId) {
        return Panache.getSession().chain(session -> {
            Absent a = absent.get(session);
            if (a != null && a.records().remove(nodeId)) {
                return Uni.createFrom().nullItem(); // the caller creates it now: later lookups find it in the session
            }
            return NodeRecord.findById(nodeId);
        });
    }

    /** The node's observation; null when the cluster has no such Node. */
    public Uni<NodeObservation> observation(String nodeId) {
        return Panache.getSession().chain(session -> {
            Absent a = absent.get(session);
            if (a != null && a.observations().contains(nodeId)) {
                return Uni.createFrom().nullItem();
            }
            return NodeObservation.findById(nodeId);
        });
    }
}

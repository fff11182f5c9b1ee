package io.skybridge.inventory.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.skybridge.inventory.domain.NodeObservation;
import io.skybridge.inventory.domain.NodeRecord;
import io.skybridge.shared.config.MessagingConfig;
import io.skybridge.shared.repository.BulkSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The node records and observations a poll batch of provisioning events touches, as one working set per
 * transaction: loaded with two queries ({@link #prefetch}; plain objects, not managed entities), changed in memory by
 * {@link NodeRecordService}, and written back with one multi-row {@code INSERT … ON CONFLICT DO UPDATE}
 * ({@link #write}) before the batch commits, instead of a Hibernate-managed entity and statement per record.
 * Outside a prefetched batch (a single record, or the record-by-record retry of a failed batch) there is no
 * working set and the service uses managed entities as usual.
 */
@ApplicationScoped
public class NodeRecordBatch {

    @Inject
    MessagingConfig config;

    /** One transaction's working set. */
    static final class WorkingSet {
        final Map<String, NodeRecord> records = new HashMap<>();
        final Set<String> loaded = new HashSet<>();
        final Map<String, NodeObservation> observations = new HashMap<>();
        /** Records changed in this batch, in first-change order. */
        final Map<String, NodeRecord> changed = new LinkedHashMap<>();
    }

    /** Per session (one transaction). Weak keys: a closed session drops out, and a new one starts empty. */
    private final Map<Mutiny.Session, WorkingSet> sets = Collections.synchronizedMap(new WeakHashMap<>());

    /** Loads the rows of {@code nodeIds} not loaded yet into this transaction's working set (creating it). */
    public Uni<Void> prefetch(Collection<String> nodeIds) {
        return Panache.getSession().chain(session -> {
            WorkingSet set = sets.computeIfAbsent(session, s -> new WorkingSet());
            List<String> ids = new ArrayList<>();
            for (String id : new HashSet<>(nodeIds)) {
                if (set.loaded.add(id)) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            String[] keys = ids.toArray(new String[0]);
            // primary-key probes, one per id, whatever the table's statistics
            return BulkSql.select(session, "select " + prefixed("r", String.join(", ", COLUMNS)) + " from unnest($1::varchar[])"
                            + " as k(id) join " + config.schema() + ".node_record r on r.node_id = k.id", List.of((Object) keys))
                    .invoke(rows -> rows.forEach(row -> {
                        NodeRecord r = record(row);
                        set.records.put(r.nodeId, r);
                    }))
                    .chain(() -> BulkSql.select(session, "select " + prefixed("o", OBSERVATION_COLUMNS)
                            + " from unnest($1::varchar[]) as k(id) join " + config.schema()
                            + ".node_observation o on o.node_id = k.id", List.of((Object) keys)))
                    .invoke(rows -> rows.forEach(row -> {
                        NodeObservation o = observation(row);
                        set.observations.put(o.nodeId, o);
                    }))
                    .replaceWithVoid();
        });
    }

    /** This transaction's working set, or null when it has none (no batch, or the node was not prefetched). */
    public Uni<WorkingSet> of(String nodeId) {
        return Panache.getSession().map(session -> {
            WorkingSet set = sets.get(session);
            return set != null && set.loaded.contains(nodeId) ? set : null;
        });
    }

    /** Writes the records this transaction's working set changed, with multi-row upserts; clears the set. */
    public Uni<Void> write() {
        return Panache.getSession().chain(session -> {
            WorkingSet set = sets.remove(session);
            if (set == null || set.changed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return upsert(session, new ArrayList<>(set.changed.values()));
        });
    }

    private static final String[] COLUMNS = {"node_id", "cloud", "region", "zone", "pool_id", "instance_id",
            "machine_type", "provider_id", "private_ip", "provisioned_at", "joined_at", "decommissioned_at", "updated_at"};

    private static final String OBSERVATION_COLUMNS = "node_id, cloud, region, zone, pool_id, instance_id, machine_type,"
            + " provider_id, status, cordoned, taints, allocatable_cpu, allocatable_memory, requested_cpu,"
            + " requested_memory, observed_at";

    private Uni<Void> upsert(Mutiny.Session session, List<NodeRecord> rows) {
        StringBuilder tail = new StringBuilder("on conflict (node_id) do update set ");
        for (int c = 1; c < COLUMNS.length; c++) {
            tail.append(c == 1 ? "" : ", ").append(COLUMNS[c]).append(" = excluded.").append(COLUMNS[c]);
        }
        String head = "insert into " + config.schema() + ".node_record (" + String.join(", ", COLUMNS) + ")";
        return BulkSql.insertRows(session, head, tail.toString(), rows, r -> new Object[]{r.nodeId, r.cloud, r.region,
                r.zone, r.poolId, r.instanceId, r.machineType, r.providerId, r.privateIp, r.provisionedAt, r.joinedAt,
                r.decommissionedAt, r.updatedAt});
    }

    /** "a, b" as "t.a, t.b". */
    private static String prefixed(String alias, String columns) {
        return alias + "." + columns.replace(", ", ", " + alias + ".");
    }

    /** A row of {@link #COLUMNS} as an (unmanaged) record. */
    private static NodeRecord record(Object[] row) {
        NodeRecord r = new NodeRecord();
        r.nodeId = (String) row[0];
        r.cloud = (String) row[1];
        r.region = (String) row[2];
        r.zone = (String) row[3];
        r.poolId = (String) row[4];
        r.instanceId = (String) row[5];
        r.machineType = (String) row[6];
        r.providerId = (String) row[7];
        r.privateIp = (String) row[8];
        r.provisionedAt = BulkSql.instant(row[9]);
        r.joinedAt = BulkSql.instant(row[10]);
        r.decommissionedAt = BulkSql.instant(row[11]);
        r.updatedAt = BulkSql.instant(row[12]);
        return r;
    }

    /** A row of {@link #OBSERVATION_COLUMNS} as an (unmanaged) observation. */
    private static NodeObservation observation(Object[] row) {
        NodeObservation o = new NodeObservation();
        o.nodeId = (String) row[0];
        o.cloud = (String) row[1];
        o.region = (String) row[2];
        o.zone = (String) row[3];
        o.poolId = (String) row[4];
        o.instanceId = (String) row[5];
        o.machineType = (String) row[6];
        o.providerId = (String) row[7];
        o.status = (String) row[8];
        o.cordoned = (Boolean) row[9];
        o.taints = (String) row[10];
        o.allocatableCpu = ((Number) row[11]).longValue();
        o.allocatableMemory = ((Number) row[12]).longValue();
        o.requestedCpu = ((Number) row[13]).longValue();
        o.requestedMemory = ((Number) row[14]).longValue();
        o.observedAt = BulkSql.instant(row[15]);
        return o;
    }
}

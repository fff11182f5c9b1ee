package io.skybridge.inventory.service;

import io.skybridge.inventory.domain.CloudAccount;
import io.skybridge.inventory.domain.CloudOutage;
import io.skybridge.inventory.domain.NodeObservation;
import io.skybridge.inventory.domain.NodeRecord;
import io.skybridge.inventory.domain.Workload;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The read side: nodes (cluster + provisioning merged), workloads, clouds and their capacity. */
@ApplicationScoped
public class InventoryQueries {

    public record CloudView(String id, List<String> accounts, List<String> regions, int nodes, int readyNodes,
                            CapacityCalculator.Capacity capacity, List<String> outages) {
    }

    /** Current nodes (decommissioned ones that left the cluster are not listed), optionally filtered. */
    public Uni<List<NodeView>> nodes(String cloud, Boolean ready) {
        return NodeObservation.<NodeObservation>listAll().chain(observed -> NodeRecord.<NodeRecord>listAll().map(records -> {
            Map<String, NodeObservation> byId = new LinkedHashMap<>();
            observed.forEach(o -> byId.put(o.nodeId, o));
            Map<String, NodeRecord> recordById = new LinkedHashMap<>();
            records.forEach(r -> recordById.put(r.nodeId, r));
            TreeSet<String> ids = new TreeSet<>(byId.keySet());
            ids.addAll(recordById.keySet());
            List<NodeView> views = new ArrayList<>();
            for (String id : ids) {
                NodeView v = NodeView.of(recordById.get(id), byId.get(id));
                if (!v.inCluster() && "DECOMMISSIONED".equals(v.lifecycle())) {
                    continue;
                }
                if (cloud != null && !cloud.equals(v.cloud())) {
                    continue;
                }
                if (ready != null && ready != v.ready()) {
                    continue;
                }
                views.add(v);
            }
            return views;
        }));
    }

    public Uni<NodeView> node(String id) {
        return NodeObservation.<NodeObservation>findById(id)
                .chain(o -> NodeRecord.<NodeRecord>findById(id).map(r -> NodeView.of(r, o)));
    }

    public Uni<List<WorkloadView>> workloads(String cloud) {
        return Workload.<Workload>list("order by id").map(all -> all.stream().map(WorkloadView::of)
                .filter(w -> cloud == null || w.runsIn(cloud)).toList());
    }

    public Uni<WorkloadView> workload(String id) {
        return Workload.<Workload>findById(id).map(w -> w == null ? null : WorkloadView.of(w));
    }

    /** Summed by the database per (region, pool) in one query: no node row is loaded. */
    public Uni<CapacityCalculator.CloudCapacity> capacity(String cloud) {
        return Panache.getSession().chain(session -> session.createQuery(CAPACITY_SQL, Object[].class)
                        .setParameter(1, cloud).getResultList())
                .map(rows -> CapacityCalculator.ofGroups(cloud, rows.stream().map(InventoryQueries::group).toList()));
    }

    private static final String SCHEDULABLE = "(n.status = 'READY' and n.cordoned = false)";
    private static final String CAPACITY_SQL = "select n.region, n.poolId, count(n),"
            + " count(n) filter (where n.status = 'READY'), count(n) filter (where " + SCHEDULABLE + "),"
            + " coalesce(sum(n.allocatableCpu) filter (where " + SCHEDULABLE + "), 0),"
            + " coalesce(sum(n.allocatableMemory) filter (where " + SCHEDULABLE + "), 0),"
            + " coalesce(sum(n.requestedCpu) filter (where " + SCHEDULABLE + "), 0),"
            + " coalesce(sum(n.requestedMemory) filter (where " + SCHEDULABLE + "), 0)"
            + " from NodeObservation n where n.cloud = ?1 group by n.region, n.poolId";

    private static CapacityCalculator.Group group(Object[] r) {
        return new CapacityCalculator.Group((String) r[0], (String) r[1], ((Number) r[2]).intValue(),
                ((Number) r[3]).intValue(), ((Number) r[4]).intValue(), ((Number) r[5]).longValue(),
                ((Number) r[6]).longValue(), ((Number) r[7]).longValue(), ((Number) r[8]).longValue());
    }

    public Uni<List<CloudView>> clouds() {
        return NodeObservation.<NodeObservation>listAll().chain(nodes -> CloudAccount.<CloudAccount>listAll()
                .chain(accounts -> CloudOutage.<CloudOutage>list("clearedAt is null").map(outages -> {
                    List<CloudView> views = new ArrayList<>();
                    for (String cloud : CapacityWatch.CLOUDS) {
                        List<NodeObservation> mine = nodes.stream().filter(n -> cloud.equals(n.cloud)).toList();
                        TreeSet<String> regions = new TreeSet<>();
                        mine.forEach(n -> regions.add(n.region));
                        List<String> accountIds = accounts.stream().filter(a -> cloud.equals(a.cloud))
                                .sorted(Comparator.comparing(a -> a.id)).peek(a -> regions.addAll(List.of(a.regions.split(","))))
                                .map(a -> a.id).toList();
                        List<String> open = outages.stream().filter(o -> cloud.equals(o.cloud))
                                .map(o -> o.region == null ? cloud : cloud + "/" + o.region).sorted().toList();
                        CapacityCalculator.Capacity c = CapacityCalculator.of(mine);
                        views.add(new CloudView(cloud, accountIds, List.copyOf(regions), c.nodes(), c.readyNodes(), c, open));
                    }
                    return views;
                })));
    }
}

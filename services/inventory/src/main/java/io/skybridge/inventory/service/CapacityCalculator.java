package io.skybridge.inventory.service;

import io.skybridge.contracts.common.ResourceAmount;
import io.skybridge.inventory.domain.NodeObservation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Allocatable vs requested. Allocatable counts schedulable nodes only (Ready and not cordoned);
 * requested is what the pods on those nodes ask for; headroom = allocatable - requested.
 */
public final class CapacityCalculator {
    private CapacityCalculator() {
    }

    public record Capacity(ResourceAmount allocatable, ResourceAmount requested, ResourceAmount headroom, int nodes,
                           int readyNodes, int schedulableNodes) {
    }

    public record RegionCapacity(String region, Capacity capacity) {
    }

    public record PoolCapacity(String region, String pool, Capacity capacity) {
    }

    public record CloudCapacity(String cloud, Capacity total, List<RegionCapacity> regions, List<PoolCapacity> pools) {
    }

    /**
     * The sums of one (region, pool) group of a cloud's nodes, as the database aggregates them: counts of all,
     * Ready, and schedulable nodes; allocatable and requested of the schedulable ones.
     */
    public record Group(String region, String pool, int nodes, int readyNodes, int schedulableNodes, long allocatableCpu,
                        long allocatableMemory, long requestedCpu, long requestedMemory) {
    }

    /** The same figures as {@link #ofCloud} from per-(region, pool) sums instead of node rows. */
    public static CloudCapacity ofGroups(String cloud, List<Group> groups) {
        Map<String, List<Group>> byRegion = new TreeMap<>();
        Map<String, Group> byPool = new TreeMap<>();
        for (Group g : groups) {
            byRegion.computeIfAbsent(g.region(), k -> new java.util.ArrayList<>()).add(g);
            byPool.merge(g.region() + "\u0000" + Objects.toString(g.pool(), ""), g, CapacityCalculator::plus);
        }
        List<RegionCapacity> regions = byRegion.entrySet().stream()
                .map(e -> new RegionCapacity(e.getKey(), sum(e.getValue()))).toList();
        List<PoolCapacity> pools = byPool.values().stream()
                .map(g -> new PoolCapacity(g.region(), g.pool() == null || g.pool().isEmpty() ? null : g.pool(),
                        sum(List.of(g)))).toList();
        return new CloudCapacity(cloud, sum(groups), regions, pools);
    }

    private static Group plus(Group a, Group b) {
        return new Group(a.region(), a.pool(), a.nodes() + b.nodes(), a.readyNodes() + b.readyNodes(),
                a.schedulableNodes() + b.schedulableNodes(), a.allocatableCpu() + b.allocatableCpu(),
                a.allocatableMemory() + b.allocatableMemory(), a.requestedCpu() + b.requestedCpu(),
                a.requestedMemory() + b.requestedMemory());
    }

    private static Capacity sum(Collection<Group> groups) {
        Group t = groups.stream().reduce(new Group(null, null, 0, 0, 0, 0, 0, 0, 0), CapacityCalculator::plus);
        return new Capacity(new ResourceAmount(t.allocatableCpu(), t.allocatableMemory()),
                new ResourceAmount(t.requestedCpu(), t.requestedMemory()),
                new ResourceAmount(t.allocatableCpu() - t.requestedCpu(), t.allocatableMemory() - t.requestedMemory()),
                t.nodes(), t.readyNodes(), t.schedulableNodes());
    }

    public static Capacity of(Collection<NodeObservation> nodes) {
        long allocCpu = 0;
        long allocMem = 0;
        long reqCpu = 0;
        long reqMem = 0;
        int ready = 0;
        int schedulable = 0;
        for (NodeObservation n : nodes) {
            boolean isReady = "READY".equals(n.status);
            if (isReady) {
                ready++;
            }
            if (isReady && !n.cordoned) {
                schedulable++;
                allocCpu += n.allocatableCpu;
                allocMem += n.allocatableMemory;
                reqCpu += n.requestedCpu;
                reqMem += n.requestedMemory;
            }
        }
        return new Capacity(new ResourceAmount(allocCpu, allocMem), new ResourceAmount(reqCpu, reqMem),
                new ResourceAmount(allocCpu - reqCpu, allocMem - reqMem), nodes.size(), ready, schedulable);
    }

    public static CloudCapacity ofCloud(String cloud, List<NodeObservation> nodesOfCloud) {
        List<RegionCapacity> regions = group(nodesOfCloud, n -> n.region).entrySet().stream()
                .map(e -> new RegionCapacity(e.getKey(), of(e.getValue()))).toList();
        List<PoolCapacity> pools = group(nodesOfCloud, n -> n.region + "\u0000" + Objects.toString(n.poolId, ""))
                .entrySet().stream().map(e -> {
                    String[] parts = e.getKey().split("\u0000", -1);
                    return new PoolCapacity(parts[0], parts[1].isEmpty() ? null : parts[1], of(e.getValue()));
                }).toList();
        return new CloudCapacity(cloud, of(nodesOfCloud), regions, pools);
    }

    private static Map<String, List<NodeObservation>> group(List<NodeObservation> nodes,
                                                            Function<NodeObservation, String> key) {
        Map<String, List<NodeObservation>> groups = new TreeMap<>();
        for (NodeObservation n : nodes) {
            groups.computeIfAbsent(key.apply(n), k -> new java.util.ArrayList<>()).add(n);
        }
        return groups;
    }
}

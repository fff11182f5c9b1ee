package io.skybridge.inventory.service;

import io.skybridge.inventory.domain.NodeObservation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CapacityCalculatorTest {

    static NodeObservation node(String id, String region, String pool, String status, boolean cordoned,
                                long cpu, long mem, long reqCpu, long reqMem) {
        NodeObservation n = new NodeObservation();
        n.nodeId = id;
        n.cloud = "aws";
        n.region = region;
        n.poolId = pool;
        n.status = status;
        n.cordoned = cordoned;
        n.allocatableCpu = cpu;
        n.allocatableMemory = mem;
        n.requestedCpu = reqCpu;
        n.requestedMemory = reqMem;
        return n;
    }

    @Test
    void onlySchedulableNodesOfferHeadroom() {
        var c = CapacityCalculator.of(List.of(
                node("a", "us-east-1", "p", "READY", false, 2000, 8000, 500, 1000),
                node("b", "us-east-1", "p", "READY", true, 2000, 8000, 100, 100),
                node("c", "us-east-1", "p", "UNKNOWN", false, 4000, 16000, 0, 0)));
        assertEquals(3, c.nodes());
        assertEquals(2, c.readyNodes());
        assertEquals(1, c.schedulableNodes());
        assertEquals(2000, c.allocatable().cpuMillis());
        assertEquals(500, c.requested().cpuMillis());
        assertEquals(1500, c.headroom().cpuMillis());
        assertEquals(7000, c.headroom().memoryBytes());
    }

    @Test
    void groupsPerRegionAndPoolAndAllowsNegativeHeadroom() {
        var cloud = CapacityCalculator.ofCloud("aws", List.of(
                node("a", "us-east-1", "general", "READY", false, 1000, 1000, 1500, 0),
                node("b", "us-west-2", null, "READY", false, 2000, 2000, 0, 0)));
        assertEquals(2, cloud.regions().size());
        assertEquals(-500, cloud.regions().get(0).capacity().headroom().cpuMillis());
        assertEquals("general", cloud.pools().get(0).pool());
        assertNull(cloud.pools().get(1).pool());
        assertEquals(1500, cloud.total().headroom().cpuMillis());
    }

    @Test
    void theDatabaseSumsPerRegionAndPoolGiveTheSameAnswerAsTheNodeRows() {
        List<NodeObservation> nodes = List.of(
                node("a", "us-east-1", "general", "READY", false, 1000, 1000, 1500, 0),
                node("b", "us-east-1", "general", "READY", true, 3000, 3000, 10, 10),
                node("c", "us-east-1", "gpu", "NOT_READY", false, 8000, 8000, 0, 0),
                node("d", "us-west-2", null, "READY", false, 2000, 2000, 100, 200),
                node("e", "us-west-2", "", "READY", false, 500, 500, 0, 0));
        // what the GROUP BY region, pool_id query returns: one row per distinct (region, pool), '' apart from null
        Map<List<String>, List<NodeObservation>> groups = new LinkedHashMap<>();
        for (NodeObservation n : nodes) {
            groups.computeIfAbsent(java.util.Arrays.asList(n.region, n.poolId), k -> new ArrayList<>()).add(n);
        }
        List<CapacityCalculator.Group> rows = new ArrayList<>();
        groups.forEach((key, members) -> {
            var c = CapacityCalculator.of(members);
            rows.add(new CapacityCalculator.Group(key.get(0), key.get(1), c.nodes(), c.readyNodes(), c.schedulableNodes(),
                    c.allocatable().cpuMillis(), c.allocatable().memoryBytes(), c.requested().cpuMillis(),
                    c.requested().memoryBytes()));
        });
        java.util.Collections.reverse(rows); // the database returns groups in no particular order

        assertEquals(CapacityCalculator.ofCloud("aws", nodes), CapacityCalculator.ofGroups("aws", rows));
        assertEquals(3, CapacityCalculator.ofGroups("aws", rows).pools().size());
    }
}

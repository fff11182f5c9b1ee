package io.skybridge.inventory.service;

import io.skybridge.inventory.domain.NodeObservation;
import org.junit.jupiter.api.Test;

import java.util.List;

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
}

package io.skybridge.inventory.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.common.ResourceAmount;
import io.skybridge.contracts.common.Taint;
import io.skybridge.contracts.inventory.NodeObserved;
import io.skybridge.inventory.domain.NodeObservation;
import io.skybridge.inventory.domain.NodeRecord;

import java.time.Instant;
import java.util.List;

/**
 * One node: what the cluster shows (when it is in the cluster) completed by what provisioning said.
 * {@code lifecycle}: PROVISIONED (VM up, not in the cluster yet), JOINED (in the cluster),
 * DECOMMISSIONED.
 */
public record NodeView(String nodeId, String cloud, String region, String zone, String poolId, String instanceId,
                       String machineType, String providerId, String status, boolean cordoned, List<Taint> taints,
                       ResourceAmount allocatable, ResourceAmount requested, String lifecycle, boolean inCluster) {
    private static final TypeReference<List<Taint>> TAINTS = new TypeReference<>() {
    };

    public static NodeView of(NodeRecord r, NodeObservation o) {
        if (o == null && r == null) {
            return null;
        }
        String lifecycle = r != null && r.decommissioned() ? "DECOMMISSIONED"
                : o != null || (r != null && r.joinedAt != null) ? "JOINED" : "PROVISIONED";
        return new NodeView(
                o != null ? o.nodeId : r.nodeId,
                first(o == null ? null : o.cloud, r == null ? null : r.cloud),
                first(o == null ? null : o.region, r == null ? null : r.region),
                first(o == null ? null : o.zone, r == null ? null : r.zone),
                first(o == null ? null : o.poolId, r == null ? null : r.poolId),
                first(o == null ? null : o.instanceId, r == null ? null : r.instanceId),
                first(r == null ? null : r.machineType, o == null ? null : o.machineType),
                first(o == null ? null : o.providerId, r == null ? null : r.providerId),
                o == null ? "NOT_READY" : o.status,
                o != null && o.cordoned,
                o == null ? List.of() : taints(o.taints),
                o == null ? new ResourceAmount(0, 0) : new ResourceAmount(o.allocatableCpu, o.allocatableMemory),
                o == null ? new ResourceAmount(0, 0) : new ResourceAmount(o.requestedCpu, o.requestedMemory),
                lifecycle,
                o != null);
    }

    public boolean ready() {
        return "READY".equals(status);
    }

    /** The event, or null while cloud and region are still unknown. */
    public NodeObserved toEvent() {
        if (cloud == null || region == null) {
            return null;
        }
        return new NodeObserved(nodeId, cloud, region, zone, poolId, instanceId, machineType, status, cordoned, taints,
                allocatable, requested, Instant.now());
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    static List<Taint> taints(String json) {
        try {
            return json == null ? List.of() : ContractJson.mapper().readValue(json, TAINTS);
        } catch (Exception e) {
            throw new IllegalStateException("bad taints " + json, e);
        }
    }
}

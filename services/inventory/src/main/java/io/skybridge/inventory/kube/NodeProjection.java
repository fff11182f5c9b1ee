package io.skybridge.inventory.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.common.ResourceAmount;
import io.skybridge.contracts.common.Taint;
import io.skybridge.inventory.domain.NodeObservation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A Kubernetes Node (and the pods bound to it) as a {@link NodeObservation}. */
public final class NodeProjection {
    public static final String CLOUD = "skybridge.io/cloud";
    public static final String POOL = "skybridge.io/node-pool";
    public static final String REGION = "topology.kubernetes.io/region";
    public static final String ZONE = "topology.kubernetes.io/zone";
    public static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";
    public static final String INSTANCE_ID = "skybridge.io/instance-id";

    private NodeProjection() {
    }

    /** @return null for a node that is not part of the Skybridge estate (no cloud label) */
    public static NodeObservation of(Node node, Collection<Pod> podsOnNode) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        String cloud = labels.get(CLOUD);
        String region = labels.get(REGION);
        if (cloud == null || region == null) {
            return null;
        }
        NodeObservation o = new NodeObservation();
        o.nodeId = node.getMetadata().getName();
        o.cloud = cloud;
        o.region = region;
        o.zone = labels.get(ZONE);
        o.poolId = labels.get(POOL);
        o.machineType = labels.get(INSTANCE_TYPE);
        o.providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
        o.instanceId = instanceId(node);
        o.status = status(node);
        o.cordoned = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        o.taints = taintsJson(node);
        Map<String, io.fabric8.kubernetes.api.model.Quantity> allocatable =
                node.getStatus() == null ? null : node.getStatus().getAllocatable();
        o.allocatableCpu = Resources.cpuMillis(allocatable);
        o.allocatableMemory = Resources.memoryBytes(allocatable);
        for (Pod pod : podsOnNode) {
            if (Resources.holdsResources(pod)) {
                ResourceAmount r = Resources.requests(pod.getSpec());
                o.requestedCpu += r.cpuMillis();
                o.requestedMemory += r.memoryBytes();
            }
        }
        o.observedAt = Instant.now();
        return o;
    }

    static String instanceId(Node node) {
        Map<String, String> annotations = node.getMetadata().getAnnotations();
        if (annotations != null && annotations.get(INSTANCE_ID) != null) {
            return annotations.get(INSTANCE_ID);
        }
        String providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
        if (providerId == null || providerId.isBlank()) {
            return null;
        }
        return providerId.substring(providerId.lastIndexOf('/') + 1);
    }

    static String status(Node node) {
        List<NodeCondition> conditions = node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.of() : node.getStatus().getConditions();
        for (NodeCondition c : conditions) {
            if ("Ready".equals(c.getType())) {
                return switch (c.getStatus()) {
                    case "True" -> "READY";
                    case "Unknown" -> "UNKNOWN";
                    default -> "NOT_READY";
                };
            }
        }
        return "UNKNOWN";
    }

    static String taintsJson(Node node) {
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints().stream().map(t -> new Taint(t.getKey(), t.getValue(), t.getEffect())).toList();
        try {
            return ContractJson.mapper().writeValueAsString(taints);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

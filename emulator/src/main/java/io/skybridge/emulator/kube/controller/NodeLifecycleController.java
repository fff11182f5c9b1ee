package io.skybridge.emulator.kube.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.Conditions;
import io.skybridge.emulator.kube.EventRecorder;
import io.skybridge.emulator.kube.Json;
import io.skybridge.emulator.kube.KubeConfig;
import io.skybridge.emulator.kube.KubeStore;
import io.skybridge.emulator.kube.ResourceType;

import java.util.Map;

/**
 * The node lifecycle controller's health monitor: a node whose kubelet has not posted status for
 * {@code nodeMonitorGracePeriod} gets every condition {@code Unknown}. In {@code SIMPLE} mode it also gets the
 * {@code node.kubernetes.io/unreachable} NoSchedule and NoExecute taints at once and nothing is evicted; in
 * {@code UPSTREAM} mode the taints are {@code nodelifecycle.UpstreamNodeLifecycle}'s business.
 */
public final class NodeLifecycleController {
    private final KubeStore store;
    private final KubeConfig cfg;
    private final EventRecorder events;

    public NodeLifecycleController(KubeStore store, KubeConfig cfg, EventRecorder events) {
        this.store = store;
        this.cfg = cfg;
        this.events = events;
    }

    /** @param lastHeartbeats when each registered kubelet last posted status, by node name */
    public void reconcile(long now, Map<String, Long> lastHeartbeats) {
        markSilentNodesUnknown(now, lastHeartbeats, true);
    }

    /** @param withTaints add both unreachable taints at once (SIMPLE mode) */
    public void markSilentNodesUnknown(long now, Map<String, Long> lastHeartbeats, boolean withTaints) {
        for (Map.Entry<String, Long> hb : lastHeartbeats.entrySet()) {
            String nodeName = hb.getKey();
            if (now - hb.getValue() <= cfg.nodeMonitorGracePeriod.toMillis()) {
                continue;
            }
            ObjectNode node = store.find(ResourceType.NODES, null, nodeName);
            if (node == null || Conditions.status(node, "Ready").equals("Unknown")) {
                continue;
            }
            String t = Json.time(now);
            ObjectNode n = store.mutate(ResourceType.NODES, null, nodeName, nd -> {
                for (JsonNode c : nd.path("status").path("conditions")) {
                    ObjectNode cn = (ObjectNode) c;
                    cn.put("status", "Unknown").put("reason", "NodeStatusUnknown").put("message", "Kubelet stopped posting node status.")
                        .put("lastTransitionTime", t);
                }
                if (!withTaints) {
                    return;
                }
                ObjectNode spec = (ObjectNode) nd.get("spec");
                ArrayNode taints = spec.has("taints") ? (ArrayNode) spec.get("taints") : spec.putArray("taints");
                taints.addObject().put("key", "node.kubernetes.io/unreachable").put("effect", "NoSchedule").put("timeAdded", t);
                taints.addObject().put("key", "node.kubernetes.io/unreachable").put("effect", "NoExecute").put("timeAdded", t);
            });
            if (n != null) {
                events.record(n, "Normal", "NodeNotReady", "Node " + nodeName + " status is now: NodeNotReady", "node-controller");
            }
        }
    }

}

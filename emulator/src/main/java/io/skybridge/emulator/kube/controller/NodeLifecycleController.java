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
 * The node lifecycle controller: a node whose kubelet has not posted status for {@code nodeMonitorGracePeriod}
 * gets every condition {@code Unknown} and the {@code node.kubernetes.io/unreachable} NoSchedule and NoExecute
 * taints. Nothing is evicted.
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

package io.skybridge.emulator.kube.controller.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.Disruptions;
import io.skybridge.emulator.kube.EventRecorder;
import io.skybridge.emulator.kube.Json;
import io.skybridge.emulator.kube.KubeException;
import io.skybridge.emulator.kube.KubeStore;
import io.skybridge.emulator.kube.ResourceType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A model of the taint-eviction controller ({@code pkg/controller/tainteviction}): a pod on a node with NoExecute
 * taints is deleted at once when it does not tolerate one of them, else when the smallest
 * {@code tolerationSeconds} among the tolerations it uses has passed since the node was tainted (never when
 * every one of them is unbounded). Deletion ignores PodDisruptionBudgets, as upstream's does; a pod on an
 * unreachable node then stays Terminating (no kubelet confirms) while its controller creates a replacement.
 */
public final class TaintEvictionController {
    private final KubeStore store;
    private final EventRecorder events;

    public TaintEvictionController(KubeStore store, EventRecorder events) {
        this.store = store;
        this.events = events;
    }

    public void reconcile(long now) {
        Map<String, List<JsonNode>> noExecute = new HashMap<>();
        for (ObjectNode n : store.list(ResourceType.NODES)) {
            List<JsonNode> taints = Taints.withEffect(n, Taints.NO_EXECUTE);
            if (!taints.isEmpty()) {
                noExecute.put(Json.name(n), taints);
            }
        }
        if (noExecute.isEmpty()) {
            return;
        }
        for (ObjectNode p : store.list(ResourceType.PODS)) {
            List<JsonNode> taints = noExecute.get(p.path("spec").path("nodeName").asText(""));
            if (taints == null || p.path("metadata").has("deletionTimestamp") || Disruptions.isTerminal(p)) {
                continue;
            }
            OptionalLong at = evictionTime(p.path("spec").path("tolerations"), taints);
            if (at.isPresent() && now >= at.getAsLong()) {
                evict(p);
            }
        }
    }

    /** When the pod must go (epoch millis), or empty when it tolerates every taint forever. */
    static OptionalLong evictionTime(JsonNode tolerations, List<JsonNode> taints) {
        long since = Long.MAX_VALUE;
        long minSeconds = Long.MAX_VALUE;
        for (JsonNode taint : taints) {
            long added = timeAdded(taint);
            since = Math.min(since, added);
            List<JsonNode> used = new ArrayList<>();
            for (JsonNode t : tolerations) {
                if (Taints.tolerates(t, taint)) {
                    used.add(t);
                }
            }
            if (used.isEmpty()) {
                return OptionalLong.of(added);
            }
            for (JsonNode t : used) {
                if (t.hasNonNull("tolerationSeconds")) {
                    minSeconds = Math.min(minSeconds, Math.max(0, t.path("tolerationSeconds").asLong()));
                }
            }
        }
        return minSeconds == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(since + minSeconds * 1000);
    }

    private static long timeAdded(JsonNode taint) {
        String t = taint.path("timeAdded").asText("");
        return t.isEmpty() ? 0 : Instant.parse(t).toEpochMilli();
    }

    private void evict(ObjectNode p) {
        String ns = Json.namespace(p);
        String name = Json.name(p);
        events.record(p, "Normal", "TaintManagerEviction", "Marking for deletion Pod " + ns + "/" + name, "taint-eviction-controller");
        try {
            store.delete(ResourceType.PODS, ns, name, null, null);
        } catch (KubeException gone) {
            // deleted meanwhile
        }
    }
}

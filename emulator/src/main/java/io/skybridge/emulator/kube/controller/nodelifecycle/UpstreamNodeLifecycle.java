package io.skybridge.emulator.kube.controller.nodelifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.Conditions;
import io.skybridge.emulator.kube.EventRecorder;
import io.skybridge.emulator.kube.Json;
import io.skybridge.emulator.kube.KubeConfig;
import io.skybridge.emulator.kube.KubeStore;
import io.skybridge.emulator.kube.ResourceType;
import io.skybridge.emulator.kube.controller.NodeLifecycleController;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A model of kube-controller-manager's node lifecycle controller ({@code pkg/controller/nodelifecycle}) with
 * taint-based eviction, in its ordered steps:
 * <ol>
 * <li>health: a kubelet silent for {@code --node-monitor-grace-period} turns the node's conditions Unknown;</li>
 * <li>NoSchedule: a node whose Ready is not True gets the {@code not-ready} (False) or {@code unreachable}
 * (Unknown) NoSchedule taint at once, and loses it when Ready again;</li>
 * <li>zones: each zone (region + zone labels) is Normal, PartialDisruption (≥ {@code --unhealthy-zone-threshold}
 * of its nodes not Ready, at least 3) or FullDisruption (none Ready); its limiter runs at
 * {@code --node-eviction-rate} (Normal, FullDisruption), {@code --secondary-node-eviction-rate} (Partial, zone
 * larger than {@code --large-cluster-size-threshold}) or 0 (Partial, smaller zone). When every zone is fully
 * disrupted nothing is tainted and the NoExecute taints are removed ("master disruption mode");</li>
 * <li>NoExecute: not-Ready nodes queue per zone (first come first served) and get the matching NoExecute taint
 * as their zone's limiter allows (one token per node, burst 1), swapped at once when Ready flips between False
 * and Unknown, removed when Ready again. Pods leave through {@link TaintEvictionController}.</li>
 * </ol>
 * Time is the emulator's clock, so advancing it fast-forwards the whole model.
 */
public final class UpstreamNodeLifecycle {
    private final KubeStore store;
    private final KubeConfig cfg;
    private final EventRecorder events;
    private final NodeLifecycleController health;
    private final Map<String, ZoneState> zoneStates = new HashMap<>();
    private final Map<String, TokenBucket> limiters = new HashMap<>();
    private final Map<String, LinkedHashSet<String>> queues = new HashMap<>();
    private boolean allFullyDisrupted;

    public UpstreamNodeLifecycle(KubeStore store, KubeConfig cfg, EventRecorder events, NodeLifecycleController health) {
        this.store = store;
        this.cfg = cfg;
        this.events = events;
        this.health = health;
    }

    public void reconcile(long now, Map<String, Long> lastHeartbeats) {
        health.markSilentNodesUnknown(now, lastHeartbeats, false);
        List<ObjectNode> nodes = store.list(ResourceType.NODES);
        Map<String, int[]> readyNotReady = new HashMap<>();
        for (ObjectNode n : nodes) {
            String ready = Conditions.status(n, "Ready");
            syncNoScheduleTaint(n, Taints.keyFor(ready), now);
            readyNotReady.computeIfAbsent(zone(n), z -> new int[2])[ready.equals("True") ? 0 : 1]++;
        }
        if (handleDisruption(readyNotReady, nodes, now)) {
            return;
        }
        for (ObjectNode n : nodes) {
            syncNoExecuteTaint(n, now);
        }
        for (Map.Entry<String, LinkedHashSet<String>> q : queues.entrySet()) {
            TokenBucket limiter = limiters.get(q.getKey());
            for (var it = q.getValue().iterator(); it.hasNext() && limiter != null && limiter.tryAccept(now); ) {
                taintNoExecute(it.next(), now);
                it.remove();
            }
        }
    }

    /** Zone states and limiters; true while every zone is fully disrupted (nothing is tainted then). */
    private boolean handleDisruption(Map<String, int[]> readyNotReady, List<ObjectNode> nodes, long now) {
        Map<String, ZoneState> next = new HashMap<>();
        readyNotReady.forEach((zone, c) -> next.put(zone, ZoneState.of(c[0], c[1], cfg.unhealthyZoneThreshold)));
        zoneStates.keySet().retainAll(next.keySet());
        limiters.keySet().retainAll(next.keySet());
        queues.keySet().retainAll(next.keySet());
        boolean all = !next.isEmpty() && next.values().stream().allMatch(s -> s == ZoneState.FULL_DISRUPTION);
        if (all) {
            if (!allFullyDisrupted) {
                for (ObjectNode n : nodes) {
                    clearNoExecute(Json.name(n));
                }
                queues.clear();
                limiters.replaceAll((z, l) -> new TokenBucket(0, now));
                events.record(nodes.get(0), "Normal", "EnteringMasterDisruptionMode",
                    "Controller detected that all Nodes are not-Ready. Entering master disruption mode.", "node-controller");
            }
            allFullyDisrupted = true;
            zoneStates.putAll(next);
            return true;
        }
        boolean exiting = allFullyDisrupted;
        allFullyDisrupted = false;
        next.forEach((zone, state) -> {
            if (exiting || state != zoneStates.get(zone) || !limiters.containsKey(zone)) {
                limiters.put(zone, new TokenBucket(rate(state, readyNotReady.get(zone)), now));
                zoneStates.put(zone, state);
            }
        });
        return false;
    }

    private double rate(ZoneState state, int[] readyNotReady) {
        int size = readyNotReady[0] + readyNotReady[1];
        return switch (state) {
            case NORMAL, FULL_DISRUPTION -> cfg.nodeEvictionRate;
            case PARTIAL_DISRUPTION -> size > cfg.largeClusterSizeThreshold ? cfg.secondaryNodeEvictionRate : 0;
        };
    }

    private void syncNoScheduleTaint(ObjectNode n, String key, long now) {
        boolean wrong = key == null
            ? Taints.has(n, Taints.NOT_READY, Taints.NO_SCHEDULE) || Taints.has(n, Taints.UNREACHABLE, Taints.NO_SCHEDULE)
            : !Taints.has(n, key, Taints.NO_SCHEDULE) || Taints.has(n, opposite(key), Taints.NO_SCHEDULE);
        if (wrong) {
            store.mutate(ResourceType.NODES, null, Json.name(n), node -> {
                Taints.remove(node, Taints.NOT_READY, Taints.NO_SCHEDULE);
                Taints.remove(node, Taints.UNREACHABLE, Taints.NO_SCHEDULE);
                if (key != null) {
                    Taints.add(node, key, Taints.NO_SCHEDULE, Json.time(now));
                }
            });
        }
    }

    private void syncNoExecuteTaint(ObjectNode n, long now) {
        String name = Json.name(n);
        String key = Taints.keyFor(Conditions.status(n, "Ready"));
        LinkedHashSet<String> queue = queues.computeIfAbsent(zone(n), z -> new LinkedHashSet<>());
        if (key == null) {
            queue.remove(name);
            clearNoExecute(name);
        } else if (Taints.has(n, key, Taints.NO_EXECUTE)) {
            queue.remove(name);
        } else if (Taints.has(n, opposite(key), Taints.NO_EXECUTE)) {
            queue.remove(name);
            taintNoExecute(name, now); // Ready flipped between False and Unknown: swapped at once
        } else {
            queue.add(name);
        }
    }

    private void taintNoExecute(String name, long now) {
        ObjectNode n = store.find(ResourceType.NODES, null, name);
        String key = n == null ? null : Taints.keyFor(Conditions.status(n, "Ready"));
        if (key == null) {
            return; // gone or Ready again
        }
        store.mutate(ResourceType.NODES, null, name, node -> {
            Taints.remove(node, opposite(key), Taints.NO_EXECUTE);
            Taints.add(node, key, Taints.NO_EXECUTE, Json.time(now));
        });
    }

    private void clearNoExecute(String name) {
        ObjectNode n = store.find(ResourceType.NODES, null, name);
        if (n != null && (Taints.has(n, Taints.NOT_READY, Taints.NO_EXECUTE) || Taints.has(n, Taints.UNREACHABLE, Taints.NO_EXECUTE))) {
            store.mutate(ResourceType.NODES, null, name, node -> {
                Taints.remove(node, Taints.NOT_READY, Taints.NO_EXECUTE);
                Taints.remove(node, Taints.UNREACHABLE, Taints.NO_EXECUTE);
            });
        }
    }

    private static String opposite(String key) {
        return Taints.NOT_READY.equals(key) ? Taints.UNREACHABLE : Taints.NOT_READY;
    }

    /** {@code GetZoneKey}: region and zone labels (the beta failure-domain ones as a fallback). */
    static String zone(ObjectNode n) {
        var labels = n.path("metadata").path("labels");
        String region = labels.path("topology.kubernetes.io/region").asText(labels.path("failure-domain.beta.kubernetes.io/region").asText(""));
        String zone = labels.path("topology.kubernetes.io/zone").asText(labels.path("failure-domain.beta.kubernetes.io/zone").asText(""));
        return region + ":" + zone;
    }
}

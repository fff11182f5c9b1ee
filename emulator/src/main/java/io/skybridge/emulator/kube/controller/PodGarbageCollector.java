package io.skybridge.emulator.kube.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.Json;
import io.skybridge.emulator.kube.KubeException;
import io.skybridge.emulator.kube.KubeStore;
import io.skybridge.emulator.kube.ResourceType;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Pod garbage collection: pods bound to a node that is gone, and pods whose controlling workload is gone. */
public final class PodGarbageCollector {
    private final KubeStore store;

    public PodGarbageCollector(KubeStore store) {
        this.store = store;
    }

    public void reconcile() {
        Set<String> owners = new HashSet<>();
        for (ResourceType t : List.of(ResourceType.DEPLOYMENTS, ResourceType.STATEFULSETS, ResourceType.REPLICASETS, ResourceType.DAEMONSETS)) {
            for (ObjectNode o : store.list(t)) {
                owners.add(o.path("metadata").path("uid").asText());
            }
        }
        Set<String> nodes = new HashSet<>();
        for (ObjectNode n : store.list(ResourceType.NODES)) {
            nodes.add(Json.name(n));
        }
        for (ObjectNode p : store.list(ResourceType.PODS)) {
            String nodeName = p.path("spec").path("nodeName").asText("");
            if (!nodeName.isEmpty() && !nodes.contains(nodeName)) {
                store.finishPodDeletion(Json.namespace(p), Json.name(p));
                continue;
            }
            JsonNode ref = Owners.controllerRef(p);
            if (ref != null && Set.of("Deployment", "StatefulSet", "ReplicaSet", "DaemonSet").contains(ref.path("kind").asText())
                && !owners.contains(ref.path("uid").asText()) && !p.path("metadata").has("deletionTimestamp")) {
                try {
                    store.delete(ResourceType.PODS, Json.namespace(p), Json.name(p), null, null);
                } catch (KubeException e) {
                    // gone
                }
            }
        }
    }
}

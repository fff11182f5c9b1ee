package io.skybridge.emulator.kube.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.Disruptions;
import io.skybridge.emulator.kube.Json;
import io.skybridge.emulator.kube.KubeStore;
import io.skybridge.emulator.kube.ResourceType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The Deployment controller, without ReplicaSets: pods are stamped from the template (label
 * {@code pod-template-hash}), scaled, rolled keeping {@code replicas - maxUnavailable} ready ({@code Recreate}
 * deletes old pods at once), and the status and Available/Progressing conditions written last.
 */
public final class DeploymentController {
    private final KubeStore store;

    public DeploymentController(KubeStore store) {
        this.store = store;
    }

    private static int scaled(JsonNode v, int total, int dflt, boolean roundUp) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        String s = v.asText();
        if (s.endsWith("%")) {
            double d = Double.parseDouble(s.substring(0, s.length() - 1)) / 100.0 * total;
            return (int) (roundUp ? Math.ceil(d) : Math.floor(d));
        }
        return v.asInt();
    }

    public void reconcile() {
        Map<String, List<ObjectNode>> byOwner = null;
        for (ObjectNode d : store.list(ResourceType.DEPLOYMENTS)) {
            if (byOwner == null) {
                byOwner = Owners.podsByOwner(store);
            }
            String ns = Json.namespace(d);
            String name = Json.name(d);
            int replicas = d.path("spec").path("replicas").asInt(1);
            String hash = Owners.templateHash(d.path("spec").path("template"));
            List<ObjectNode> owned = byOwner.getOrDefault(d.path("metadata").path("uid").asText(), List.of());
            List<ObjectNode> fresh = new ArrayList<>();
            List<ObjectNode> old = new ArrayList<>();
            for (ObjectNode p : owned) {
                if (!Owners.active(p)) {
                    continue;
                }
                (hash.equals(p.path("metadata").path("labels").path("pod-template-hash").asText()) ? fresh : old).add(p);
            }
            if (fresh.size() < replicas) {
                for (int i = fresh.size(); i < replicas; i++) {
                    ObjectNode pod = Owners.podFromTemplate(d, "Deployment", Map.of("pod-template-hash", hash));
                    ((ObjectNode) pod.get("metadata")).put("generateName", name + "-" + hash + "-");
                    fresh.add(store.create(ResourceType.PODS, ns, pod));
                }
            } else if (fresh.size() > replicas) {
                fresh.sort(Comparator.comparing((ObjectNode p) -> Disruptions.isReady(p))
                    .thenComparing(p -> p.path("spec").path("nodeName").asText("").isEmpty() ? 0 : 1)
                    .thenComparing(p -> p.path("metadata").path("creationTimestamp").asText(), Comparator.reverseOrder()));
                while (fresh.size() > replicas) {
                    ObjectNode p = fresh.remove(0);
                    Owners.deletePod(store, p);
                }
            }
            boolean recreate = "Recreate".equals(d.path("spec").path("strategy").path("type").asText());
            int maxUnavailable = recreate ? replicas
                : scaled(d.path("spec").path("strategy").path("rollingUpdate").get("maxUnavailable"), replicas, replicas / 4, false);
            int readyFresh = (int) fresh.stream().filter(Disruptions::isReady).count();
            int readyOld = (int) old.stream().filter(Disruptions::isReady).count();
            int minAvailable = replicas - maxUnavailable;
            old.sort(Comparator.comparing(Disruptions::isReady));
            for (ObjectNode p : old) {
                boolean ready = Disruptions.isReady(p);
                if (ready && readyFresh + readyOld - 1 < minAvailable) {
                    continue;
                }
                Owners.deletePod(store, p);
                if (ready) {
                    readyOld--;
                }
            }
            int activeCount = fresh.size() + old.size();
            int ready = readyFresh + readyOld;
            long gen = d.path("metadata").path("generation").asLong(1);
            int available = ready;
            store.mutate(ResourceType.DEPLOYMENTS, ns, name, o -> {
                ObjectNode st = o.putObject("status");
                st.put("observedGeneration", gen).put("replicas", activeCount).put("updatedReplicas", fresh.size())
                    .put("readyReplicas", ready).put("availableReplicas", available).put("unavailableReplicas", Math.max(0, replicas - available));
                if (ready == 0) {
                    st.remove("readyReplicas");
                    st.remove("availableReplicas");
                }
                ArrayNode conds = st.putArray("conditions");
                boolean ok = available >= replicas - maxUnavailable;
                conds.addObject().put("type", "Available").put("status", ok ? "True" : "False")
                    .put("reason", ok ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                    .put("message", ok ? "Deployment has minimum availability." : "Deployment does not have minimum availability.");
                boolean done = fresh.size() == replicas && old.isEmpty() && readyFresh == replicas;
                conds.addObject().put("type", "Progressing").put("status", "True")
                    .put("reason", done ? "NewReplicaSetAvailable" : "ReplicaSetUpdated")
                    .put("message", done ? "Deployment \"" + name + "\" has successfully progressed." : "Deployment \"" + name + "\" is progressing.");
            });
        }
    }
}

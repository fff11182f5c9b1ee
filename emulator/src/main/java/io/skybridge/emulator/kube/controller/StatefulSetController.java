package io.skybridge.emulator.kube.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.Disruptions;
import io.skybridge.emulator.kube.Json;
import io.skybridge.emulator.kube.KubeStore;
import io.skybridge.emulator.kube.ResourceType;

import java.util.Map;

/**
 * The StatefulSet controller: pods {@code <name>-<ordinal>}, OrderedReady (or Parallel), scale down from the
 * highest ordinal, rolling update one pod at a time unless {@code OnDelete}; status written last.
 */
public final class StatefulSetController {
    private final KubeStore store;

    public StatefulSetController(KubeStore store) {
        this.store = store;
    }

    public void reconcile() {
        for (ObjectNode s : store.list(ResourceType.STATEFULSETS)) {
            String ns = Json.namespace(s);
            String name = Json.name(s);
            String uid = s.path("metadata").path("uid").asText();
            int replicas = s.path("spec").path("replicas").asInt(1);
            boolean parallel = "Parallel".equals(s.path("spec").path("podManagementPolicy").asText());
            String revision = name + "-" + Owners.templateHash(s.path("spec").path("template"));
            int ready = 0;
            int current = 0;
            int existing = 0;
            boolean blocked = false;
            boolean allReady = true;
            int highestOutdated = -1;
            for (int i = 0; i < replicas; i++) {
                String podName = name + "-" + i;
                ObjectNode p = store.find(ResourceType.PODS, ns, podName);
                if (p == null) {
                    allReady = false;
                    if (!blocked) {
                        ObjectNode pod = Owners.podFromTemplate(s, "StatefulSet", Map.of("controller-revision-hash", revision,
                            "statefulset.kubernetes.io/pod-name", podName, "apps.kubernetes.io/pod-index", Integer.toString(i)));
                        ((ObjectNode) pod.get("metadata")).put("name", podName);
                        ObjectNode spec = (ObjectNode) pod.get("spec");
                        spec.put("hostname", podName);
                        if (s.path("spec").has("serviceName")) {
                            spec.put("subdomain", s.path("spec").path("serviceName").asText());
                        }
                        store.create(ResourceType.PODS, ns, pod);
                        existing++;
                        if (!parallel) {
                            blocked = true;
                        }
                    }
                    continue;
                }
                JsonNode ref = Owners.controllerRef(p);
                if (ref == null || !uid.equals(ref.path("uid").asText())) {
                    continue;
                }
                existing++;
                boolean r = Disruptions.isReady(p);
                if (r) {
                    ready++;
                } else {
                    allReady = false;
                    if (!parallel) {
                        blocked = true;
                    }
                }
                if (revision.equals(p.path("metadata").path("labels").path("controller-revision-hash").asText())) {
                    current++;
                } else if (Owners.active(p)) {
                    highestOutdated = i;
                }
            }
            for (ObjectNode p : store.list(ResourceType.PODS, ns, null, null)) {
                JsonNode ref = Owners.controllerRef(p);
                if (ref == null || !uid.equals(ref.path("uid").asText()) || !Owners.active(p)) {
                    continue;
                }
                String pn = Json.name(p);
                try {
                    int ord = Integer.parseInt(pn.substring(name.length() + 1));
                    if (ord >= replicas) {
                        Owners.deletePod(store, p);
                    }
                } catch (RuntimeException e) {
                    // not one of ours
                }
            }
            if (allReady && highestOutdated >= 0 && !"OnDelete".equals(s.path("spec").path("updateStrategy").path("type").asText())) {
                ObjectNode p = store.find(ResourceType.PODS, ns, name + "-" + highestOutdated);
                if (p != null) {
                    Owners.deletePod(store, p);
                }
            }
            int rdy = ready;
            int cur = current;
            int ex = existing;
            long gen = s.path("metadata").path("generation").asLong(1);
            store.mutate(ResourceType.STATEFULSETS, ns, name, o -> {
                ObjectNode st = o.putObject("status");
                st.put("observedGeneration", gen).put("replicas", ex).put("readyReplicas", rdy).put("availableReplicas", rdy)
                    .put("currentReplicas", cur).put("updatedReplicas", cur).put("currentRevision", revision).put("updateRevision", revision)
                    .put("collisionCount", 0);
            });
        }
    }
}

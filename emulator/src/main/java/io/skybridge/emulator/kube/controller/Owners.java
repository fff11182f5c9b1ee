package io.skybridge.emulator.kube.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.Disruptions;
import io.skybridge.emulator.kube.Json;
import io.skybridge.emulator.kube.KubeException;
import io.skybridge.emulator.kube.KubeStore;
import io.skybridge.emulator.kube.ResourceType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the workload controllers share: controller references, template hashes, pods stamped from a template. */
final class Owners {
    private Owners() {
    }


    public static JsonNode controllerRef(JsonNode o) {
        for (JsonNode r : o.path("metadata").path("ownerReferences")) {
            if (r.path("controller").asBoolean(false)) {
                return r;
            }
        }
        return null;
    }

    static Map<String, List<ObjectNode>> podsByOwner(KubeStore store) {
        Map<String, List<ObjectNode>> m = new HashMap<>();
        for (ObjectNode p : store.list(ResourceType.PODS)) {
            JsonNode ref = controllerRef(p);
            if (ref != null) {
                m.computeIfAbsent(ref.path("uid").asText(), x -> new ArrayList<>()).add(p);
            }
        }
        return m;
    }

    static String templateHash(JsonNode template) {
        long h = 1125899906842597L;
        String s = Json.write(template);
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder sb = new StringBuilder();
        long v = h & Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            sb.append(alphabet.charAt((int) (v % alphabet.length())));
            v /= alphabet.length();
        }
        return sb.toString();
    }

    static ObjectNode podFromTemplate(ObjectNode owner, String kind, Map<String, String> extraLabels) {
        JsonNode template = owner.path("spec").path("template");
        ObjectNode pod = Json.object();
        ObjectNode meta = pod.putObject("metadata");
        meta.put("namespace", Json.namespace(owner));
        ObjectNode labels = meta.putObject("labels");
        template.path("metadata").path("labels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
        extraLabels.forEach(labels::put);
        if (template.path("metadata").path("annotations").isObject()) {
            meta.set("annotations", template.path("metadata").path("annotations").deepCopy());
        }
        meta.putArray("ownerReferences").addObject().put("apiVersion", "apps/v1").put("kind", kind).put("name", Json.name(owner))
            .put("uid", owner.path("metadata").path("uid").asText()).put("controller", true).put("blockOwnerDeletion", true);
        pod.set("spec", template.path("spec").isObject() ? template.path("spec").deepCopy() : Json.object());
        return pod;
    }

    static boolean active(JsonNode p) {
        return !p.path("metadata").has("deletionTimestamp") && !Disruptions.isTerminal(p);
    }

    static void deletePod(KubeStore store, ObjectNode p) {
        try {
            store.delete(ResourceType.PODS, Json.namespace(p), Json.name(p), null, null);
        } catch (KubeException e) {
            // gone
        }
    }
}

package io.skybridge.emulator.kube.controller.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Node taints and pod tolerations as Kubernetes matches them ({@code v1.Toleration.ToleratesTaint}). */
final class Taints {
    static final String NOT_READY = "node.kubernetes.io/not-ready";
    static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    static final String NO_SCHEDULE = "NoSchedule";
    static final String NO_EXECUTE = "NoExecute";

    private Taints() {
    }

    /** The taint key a node of this Ready status carries: not-ready (False), unreachable (Unknown or none), null (True). */
    static String keyFor(String readyStatus) {
        return switch (readyStatus) {
            case "True" -> null;
            case "False" -> NOT_READY;
            default -> UNREACHABLE;
        };
    }

    static boolean has(JsonNode node, String key, String effect) {
        for (JsonNode t : node.path("spec").path("taints")) {
            if (key.equals(t.path("key").asText()) && effect.equals(t.path("effect").asText())) {
                return true;
            }
        }
        return false;
    }

    static List<JsonNode> withEffect(JsonNode node, String effect) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode t : node.path("spec").path("taints")) {
            if (effect.equals(t.path("effect").asText())) {
                out.add(t);
            }
        }
        return out;
    }

    static void add(ObjectNode node, String key, String effect, String timeAdded) {
        if (has(node, key, effect)) {
            return;
        }
        ObjectNode spec = node.has("spec") && node.get("spec").isObject() ? (ObjectNode) node.get("spec") : node.putObject("spec");
        ArrayNode taints = spec.has("taints") && spec.get("taints").isArray() ? (ArrayNode) spec.get("taints") : spec.putArray("taints");
        ObjectNode t = taints.addObject().put("key", key).put("effect", effect);
        if (timeAdded != null) {
            t.put("timeAdded", timeAdded);
        }
    }

    /** Removes the taint; true when there was one. */
    static boolean remove(ObjectNode node, String key, String effect) {
        if (!(node.path("spec").path("taints") instanceof ArrayNode arr)) {
            return false;
        }
        boolean removed = false;
        for (int i = arr.size() - 1; i >= 0; i--) {
            if (key.equals(arr.get(i).path("key").asText()) && effect.equals(arr.get(i).path("effect").asText())) {
                arr.remove(i);
                removed = true;
            }
        }
        if (arr.isEmpty()) {
            ((ObjectNode) node.get("spec")).remove("taints");
        }
        return removed;
    }

    /** {@code ToleratesTaint}: effect empty or equal; empty key with Exists matches every key; Exists or equal value. */
    static boolean tolerates(JsonNode toleration, JsonNode taint) {
        String effect = toleration.path("effect").asText("");
        if (!effect.isEmpty() && !effect.equals(taint.path("effect").asText())) {
            return false;
        }
        String key = toleration.path("key").asText("");
        String operator = toleration.path("operator").asText("Equal");
        if (key.isEmpty()) {
            return "Exists".equals(operator);
        }
        if (!key.equals(taint.path("key").asText())) {
            return false;
        }
        return "Exists".equals(operator) || toleration.path("value").asText("").equals(taint.path("value").asText(""));
    }
}

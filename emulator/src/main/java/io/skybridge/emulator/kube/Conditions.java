package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading and writing {@code status.conditions} of nodes, pods and workloads. */
public final class Conditions {
    private Conditions() {
    }

    /** The status of condition {@code type}, or "" when the object has none. */
    public static String status(JsonNode o, String type) {
        for (JsonNode c : o.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c.path("status").asText("");
            }
        }
        return "";
    }

    /** Sets a pod-style condition, keeping lastTransitionTime when the status does not change. */
    public static void set(ObjectNode obj, String type, String status, String reason, String message, long now) {
        ObjectNode st = obj.has("status") && obj.get("status").isObject() ? (ObjectNode) obj.get("status") : obj.putObject("status");
        ArrayNode conds = st.has("conditions") && st.get("conditions").isArray() ? (ArrayNode) st.get("conditions") : st.putArray("conditions");
        ObjectNode c = null;
        for (JsonNode x : conds) {
            if (type.equals(x.path("type").asText())) {
                c = (ObjectNode) x;
            }
        }
        if (c == null) {
            c = conds.addObject().put("type", type);
        }
        if (!status.equals(c.path("status").asText())) {
            c.put("lastTransitionTime", Json.time(now));
        }
        c.put("status", status);
        c.putNull("lastProbeTime");
        if (reason != null) {
            c.put("reason", reason);
        } else {
            c.remove("reason");
        }
        if (message != null) {
            c.put("message", message);
        } else {
            c.remove("message");
        }
    }

}

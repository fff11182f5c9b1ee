package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Server-side printing ({@code meta.k8s.io/v1 Table}) so kubectl shows its usual columns. */
final class Tables {
    private Tables() {
    }

    record Col(String name, String type, int priority) {
    }

    static ObjectNode table(ResourceType t, List<ObjectNode> objects, long rv, long now) {
        ObjectNode table = Json.object();
        table.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", Long.toString(rv));
        ArrayNode cols = table.putArray("columnDefinitions");
        for (Col c : columns(t)) {
            cols.addObject().put("name", c.name).put("type", c.type).put("format", c.name.equals("Name") ? "name" : "")
                .put("description", c.name).put("priority", c.priority);
        }
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode o : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Object v : cells(t, o, now)) {
                if (v instanceof Integer i) {
                    cells.add(i);
                } else {
                    cells.add(String.valueOf(v));
                }
            }
            ObjectNode meta = Json.object();
            meta.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
            meta.set("metadata", o.get("metadata"));
            row.set("object", meta);
        }
        return table;
    }

    private static List<Col> columns(ResourceType t) {
        if (t == ResourceType.NODES) {
            return List.of(new Col("Name", "string", 0), new Col("Status", "string", 0), new Col("Roles", "string", 0),
                new Col("Age", "string", 0), new Col("Version", "string", 0), new Col("Internal-IP", "string", 1),
                new Col("External-IP", "string", 1), new Col("OS-Image", "string", 1), new Col("Kernel-Version", "string", 1),
                new Col("Container-Runtime", "string", 1));
        }
        if (t == ResourceType.PODS) {
            return List.of(new Col("Name", "string", 0), new Col("Ready", "string", 0), new Col("Status", "string", 0),
                new Col("Restarts", "string", 0), new Col("Age", "string", 0), new Col("IP", "string", 1), new Col("Node", "string", 1),
                new Col("Nominated Node", "string", 1), new Col("Readiness Gates", "string", 1));
        }
        if (t == ResourceType.DEPLOYMENTS) {
            return List.of(new Col("Name", "string", 0), new Col("Ready", "string", 0), new Col("Up-to-date", "integer", 0),
                new Col("Available", "integer", 0), new Col("Age", "string", 0));
        }
        if (t == ResourceType.STATEFULSETS) {
            return List.of(new Col("Name", "string", 0), new Col("Ready", "string", 0), new Col("Age", "string", 0));
        }
        if (t == ResourceType.PDBS) {
            return List.of(new Col("Name", "string", 0), new Col("Min Available", "string", 0), new Col("Max Unavailable", "string", 0),
                new Col("Allowed Disruptions", "integer", 0), new Col("Age", "string", 0));
        }
        if (t == ResourceType.NAMESPACES) {
            return List.of(new Col("Name", "string", 0), new Col("Status", "string", 0), new Col("Age", "string", 0));
        }
        if (t == ResourceType.EVENTS) {
            return List.of(new Col("Last Seen", "string", 0), new Col("Type", "string", 0), new Col("Reason", "string", 0),
                new Col("Object", "string", 0), new Col("Message", "string", 0));
        }
        return List.of(new Col("Name", "string", 0), new Col("Age", "string", 0));
    }

    private static List<Object> cells(ResourceType t, ObjectNode o, long now) {
        List<Object> c = new ArrayList<>();
        String age = age(now, o.path("metadata").path("creationTimestamp").asText(""));
        JsonNode spec = o.path("spec");
        JsonNode status = o.path("status");
        if (t == ResourceType.EVENTS) {
            String last = o.path("lastTimestamp").asText(o.path("eventTime").asText(""));
            c.add(age(now, last));
            c.add(o.path("type").asText("Normal"));
            c.add(o.path("reason").asText(""));
            c.add(o.path("involvedObject").path("kind").asText("").toLowerCase() + "/" + o.path("involvedObject").path("name").asText(""));
            c.add(o.path("message").asText(""));
            return c;
        }
        c.add(Json.name(o));
        if (t == ResourceType.NODES) {
            String ready = "Unknown";
            for (JsonNode cond : status.path("conditions")) {
                if ("Ready".equals(cond.path("type").asText())) {
                    ready = cond.path("status").asText();
                }
            }
            String s = ready.equals("True") ? "Ready" : "NotReady";
            if (spec.path("unschedulable").asBoolean(false)) {
                s += ",SchedulingDisabled";
            }
            c.add(s);
            List<String> roles = new ArrayList<>();
            o.path("metadata").path("labels").fieldNames().forEachRemaining(k -> {
                if (k.startsWith("node-role.kubernetes.io/")) {
                    roles.add(k.substring("node-role.kubernetes.io/".length()));
                }
            });
            c.add(roles.isEmpty() ? "<none>" : String.join(",", roles));
            c.add(age);
            c.add(status.path("nodeInfo").path("kubeletVersion").asText(""));
            String internal = "<none>";
            String external = "<none>";
            for (JsonNode a : status.path("addresses")) {
                if ("InternalIP".equals(a.path("type").asText())) {
                    internal = a.path("address").asText();
                } else if ("ExternalIP".equals(a.path("type").asText())) {
                    external = a.path("address").asText();
                }
            }
            c.add(internal);
            c.add(external);
            c.add(status.path("nodeInfo").path("osImage").asText("<unknown>"));
            c.add(status.path("nodeInfo").path("kernelVersion").asText("<unknown>"));
            c.add(status.path("nodeInfo").path("containerRuntimeVersion").asText("<unknown>"));
        } else if (t == ResourceType.PODS) {
            int total = spec.path("containers").size();
            int ready = 0;
            int restarts = 0;
            for (JsonNode cs : status.path("containerStatuses")) {
                if (cs.path("ready").asBoolean(false)) {
                    ready++;
                }
                restarts += cs.path("restartCount").asInt(0);
            }
            c.add(ready + "/" + total);
            String phase = status.path("phase").asText("Pending");
            c.add(o.path("metadata").has("deletionTimestamp") ? "Terminating" : phase);
            c.add(Integer.toString(restarts));
            c.add(age);
            c.add(status.path("podIP").asText("<none>"));
            c.add(spec.path("nodeName").asText("<none>"));
            c.add("<none>");
            c.add("<none>");
        } else if (t == ResourceType.DEPLOYMENTS) {
            c.add(status.path("readyReplicas").asInt(0) + "/" + spec.path("replicas").asInt(1));
            c.add(status.path("updatedReplicas").asInt(0));
            c.add(status.path("availableReplicas").asInt(0));
            c.add(age);
        } else if (t == ResourceType.STATEFULSETS) {
            c.add(status.path("readyReplicas").asInt(0) + "/" + spec.path("replicas").asInt(1));
            c.add(age);
        } else if (t == ResourceType.PDBS) {
            c.add(spec.has("minAvailable") ? spec.get("minAvailable").asText() : "N/A");
            c.add(spec.has("maxUnavailable") ? spec.get("maxUnavailable").asText() : "N/A");
            c.add(status.path("disruptionsAllowed").asInt(0));
            c.add(age);
        } else if (t == ResourceType.NAMESPACES) {
            c.add(status.path("phase").asText("Active"));
            c.add(age);
        } else {
            c.add(age);
        }
        return c;
    }

    static String age(long now, String ts) {
        if (ts == null || ts.isEmpty()) {
            return "<unknown>";
        }
        long s = Math.max(0, (now - Json.parseTime(ts)) / 1000);
        if (s < 120) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 48) {
            return h + "h" + (h < 8 && m % 60 != 0 ? (m % 60) + "m" : "");
        }
        return (h / 24) + "d";
    }
}

package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.List;

/** The {@code pods/binding} and {@code …/scale} subresources ({@code pods/eviction} is {@link Disruptions}). */
final class Subresources {
    private final KubeStore store;

    Subresources(KubeStore store) {
        this.store = store;
    }

    /** Binds a pod to a node (the scheduler's and {@code pods/binding}'s operation). */
    ObjectNode bind(String ns, String pod, String node) {
        return store.locked(() -> {
            ObjectNode cur = store.get(ResourceType.PODS, ns, pod);
            String have = cur.path("spec").path("nodeName").asText("");
            if (!have.isEmpty()) {
                throw KubeException.conflict(ResourceType.PODS, pod, "pod " + pod + " is already assigned to node \"" + have + "\"");
            }
            store.mutate(ResourceType.PODS, ns, pod, p -> {
                ((ObjectNode) p.get("spec")).put("nodeName", node);
                Conditions.set(p, "PodScheduled", "True", null, null, store.now());
            });
            ObjectNode s = Json.object();
            s.put("kind", "Status").put("apiVersion", "v1");
            s.putObject("metadata");
            s.put("status", "Success").put("code", 201);
            return s;
        });
    }

    void scale(HttpServerRequest req, KubeApiServer.Target t, byte[] body) {
        ResourceType rt = t.type();
        HttpMethod m = req.method();
        ObjectNode cur = store.get(rt, t.namespace(), t.name());
        ObjectNode scale = scaleOf(cur);
        if (m == HttpMethod.GET) {
            ApiResponses.send(req, 200, scale);
            return;
        }
        ObjectNode desired;
        if (m == HttpMethod.PUT) {
            desired = ApiResponses.object(body);
        } else if (m == HttpMethod.PATCH) {
            String ct = String.valueOf(req.getHeader(HttpHeaders.CONTENT_TYPE));
            JsonNode p = Json.parse(body);
            try {
                desired = (ObjectNode) (ct.startsWith("application/json-patch") ? Patches.jsonPatch(scale, p) : Patches.mergePatch(scale, p));
            } catch (Patches.PatchException | ClassCastException e) {
                throw KubeException.invalid(rt, t.name(), e.getMessage());
            }
        } else {
            throw new KubeException(405, "MethodNotAllowed", "scale supports get, update and patch", rt.plural(), t.name());
        }
        String rv = desired.path("metadata").path("resourceVersion").asText("");
        if (!rv.isEmpty() && !rv.equals(cur.path("metadata").path("resourceVersion").asText())) {
            throw KubeException.conflict(rt, t.name(), "the object has been modified; please apply your changes to the latest version and try again");
        }
        int replicas = desired.path("spec").path("replicas").asInt(-1);
        if (replicas < 0) {
            throw KubeException.invalid(rt, t.name(), "spec.replicas: Invalid value: must be greater than or equal to 0");
        }
        ObjectNode after = store.mutate(rt, t.namespace(), t.name(), o -> ((ObjectNode) o.get("spec")).put("replicas", replicas));
        ApiResponses.send(req, 200, scaleOf(after));
    }

    private static ObjectNode scaleOf(ObjectNode o) {
        ObjectNode s = Json.object();
        s.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode m = s.putObject("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (o.path("metadata").has(f)) {
                m.set(f, o.path("metadata").get(f));
            }
        }
        s.putObject("spec").put("replicas", o.path("spec").path("replicas").asInt(1));
        List<String> sel = new ArrayList<>();
        o.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e -> sel.add(e.getKey() + "=" + e.getValue().asText()));
        s.putObject("status").put("replicas", o.path("status").path("replicas").asInt(0)).put("selector", String.join(",", sel));
        return s;
    }
}

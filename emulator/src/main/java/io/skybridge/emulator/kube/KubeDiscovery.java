package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API server's discovery: {@code /version}, health, {@code /api}, {@code /apis} and the resource lists, following CRDs. */
final class KubeDiscovery {
    /** The built-in API groups (all v1); CRDs add theirs, see {@link #groupVersions()}. */
    static final List<String> GROUPS = List.of("apps", "policy", "coordination.k8s.io", ResourceType.RBAC, "batch", "apiextensions.k8s.io");

    private final KubeStore store;

    KubeDiscovery(KubeStore store) {
        this.store = store;
    }

    /** Answers {@code path} when it is a discovery or health path; false otherwise. */
    boolean handle(HttpServerRequest req, String path) {
        if (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        switch (path) {
            case "/version" -> {
                ObjectNode v = Json.object();
                v.put("major", "1").put("minor", "31").put("gitVersion", "v1.31.0-skybridge").put("gitCommit", "0000000000000000000000000000000000000000")
                    .put("gitTreeState", "clean").put("buildDate", "2026-01-01T00:00:00Z").put("goVersion", "go1.22.0")
                    .put("compiler", "gc").put("platform", "linux/amd64");
                ApiResponses.send(req, 200, v);
                return true;
            }
            case "/healthz", "/livez", "/readyz" -> {
                req.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end("ok");
                return true;
            }
            case "/api" -> {
                ObjectNode v = Json.object();
                v.put("kind", "APIVersions");
                v.putArray("versions").add("v1");
                v.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                    .put("serverAddress", req.authority() == null ? "127.0.0.1" : req.authority().toString());
                ApiResponses.send(req, 200, v);
                return true;
            }
            case "/apis" -> {
                ObjectNode v = Json.object();
                v.put("kind", "APIGroupList").put("apiVersion", "v1");
                ArrayNode groups = v.putArray("groups");
                groupVersions().forEach((g, versions) -> groups.add(group(g, versions)));
                ApiResponses.send(req, 200, v);
                return true;
            }
            case "/api/v1" -> {
                ApiResponses.send(req, 200, resourceList("", "v1"));
                return true;
            }
            default -> {
                String[] seg = path.substring(1).split("/");
                Map<String, List<String>> gvs = seg[0].equals("apis") && (seg.length == 2 || seg.length == 3) ? groupVersions() : Map.of();
                if (seg.length == 2 && gvs.containsKey(seg[1])) {
                    ObjectNode g = group(seg[1], gvs.get(seg[1]));
                    g.put("kind", "APIGroup").put("apiVersion", "v1");
                    ApiResponses.send(req, 200, g);
                    return true;
                }
                if (seg.length == 3 && gvs.getOrDefault(seg[1], List.of()).contains(seg[2])) {
                    ApiResponses.send(req, 200, resourceList(seg[1], seg[2]));
                    return true;
                }
                return false;
            }
        }
    }

    /** Every named API group with its versions, highest priority first: the built-in groups, then those of the stored CRDs. */
    Map<String, List<String>> groupVersions() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String g : GROUPS) {
            out.put(g, new ArrayList<>(List.of("v1")));
        }
        for (ResourceType t : store.types()) {
            if (!t.group().isEmpty()) {
                List<String> vs = out.computeIfAbsent(t.group(), k -> new ArrayList<>());
                if (!vs.contains(t.version())) {
                    vs.add(t.version());
                }
            }
        }
        out.values().forEach(vs -> vs.sort(CustomResources.VERSION_PRIORITY));
        return out;
    }

    private static ObjectNode group(String g, List<String> versions) {
        ObjectNode o = Json.object();
        o.put("name", g);
        ArrayNode vs = o.putArray("versions");
        for (String v : versions) {
            vs.addObject().put("groupVersion", g + "/" + v).put("version", v);
        }
        o.putObject("preferredVersion").put("groupVersion", g + "/" + versions.get(0)).put("version", versions.get(0));
        return o;
    }

    private ObjectNode resourceList(String group, String version) {
        ObjectNode l = Json.object();
        l.put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode rs = l.putArray("resources");
        for (ResourceType t : store.types()) {
            if (!t.group().equals(group) || !t.version().equals(version)) {
                continue;
            }
            ObjectNode r = rs.addObject();
            r.put("name", t.plural()).put("singularName", t.singular()).put("namespaced", t.namespaced()).put("kind", t.kind());
            ArrayNode verbs = r.putArray("verbs");
            ResourceType.VERBS.forEach(verbs::add);
            if (!t.shortNames().isEmpty()) {
                ArrayNode sn = r.putArray("shortNames");
                t.shortNames().forEach(sn::add);
            }
            if (t == ResourceType.PODS || t == ResourceType.DEPLOYMENTS || t == ResourceType.STATEFULSETS || t == ResourceType.REPLICASETS
                || t == ResourceType.DAEMONSETS || t == ResourceType.SERVICES) {
                r.putArray("categories").add("all");
            }
            if (!t.builtIn()) {
                List<String> cats = CustomResources.categories(store.list(ResourceType.CRDS), t);
                if (!cats.isEmpty()) {
                    ArrayNode ca = r.putArray("categories");
                    cats.forEach(ca::add);
                }
            }
            for (String sub : t.subresources()) {
                ObjectNode s = rs.addObject();
                s.put("name", t.plural() + "/" + sub).put("singularName", "").put("namespaced", t.namespaced());
                switch (sub) {
                    case "eviction" -> {
                        s.put("group", "policy").put("version", "v1").put("kind", "Eviction");
                        s.putArray("verbs").add("create");
                    }
                    case "binding" -> {
                        s.put("kind", "Binding");
                        s.putArray("verbs").add("create");
                    }
                    case "scale" -> {
                        s.put("group", "autoscaling").put("version", "v1").put("kind", "Scale");
                        s.putArray("verbs").add("get").add("patch").add("update");
                    }
                    default -> {
                        s.put("kind", t.kind());
                        s.putArray("verbs").add("get").add("patch").add("update");
                    }
                }
            }
        }
        return l;
    }
}

package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The Kubernetes REST API over plain HTTP: discovery, CRUD, patch, watch (HTTP streaming and WebSocket), subresources. */
public final class KubeApiServer implements Handler<HttpServerRequest> {
    /** The built-in API groups (all v1); CRDs add theirs, see {@link #groupVersions()}. */
    static final List<String> GROUPS = List.of("apps", "policy", "coordination.k8s.io", ResourceType.RBAC, "batch", "apiextensions.k8s.io");

    private final KubeStore store;
    private final Vertx vertx;

    public KubeApiServer(KubeStore store, Vertx vertx) {
        this.store = store;
        this.vertx = vertx;
    }

    /** A parsed resource path. */
    record Target(ResourceType type, String namespace, String name, String sub) {
    }

    @Override
    public void handle(HttpServerRequest req) {
        String path = req.path();
        try {
            if (req.method() == HttpMethod.GET && discovery(req, path)) {
                return;
            }
            Target t = parse(path);
            if (t == null) {
                throw new KubeException(404, "NotFound", "the server could not find the requested resource", null, null);
            }
            if (req.method() == HttpMethod.GET && t.name == null && isWatch(req)) {
                if ("websocket".equalsIgnoreCase(req.getHeader(HttpHeaders.UPGRADE))) {
                    req.toWebSocket().onSuccess(ws -> watchWebSocket(ws, t, req.params()))
                        .onFailure(e -> { });
                } else {
                    watchHttp(req, t);
                }
                return;
            }
            req.body().onSuccess(buf -> {
                try {
                    dispatch(req, t, buf);
                } catch (KubeException e) {
                    send(req, e.code, e.toStatus());
                } catch (RuntimeException e) {
                    send(req, 500, new KubeException(500, "InternalError", "Internal error: " + e, null, null).toStatus());
                }
            });
        } catch (KubeException e) {
            send(req, e.code, e.toStatus());
        } catch (RuntimeException e) {
            send(req, 500, new KubeException(500, "InternalError", "Internal error: " + e, null, null).toStatus());
        }
    }

    private static boolean isWatch(HttpServerRequest req) {
        String w = req.getParam("watch");
        return w != null && (w.equals("true") || w.equals("1"));
    }

    // ------------------------------------------------------------------ discovery

    private boolean discovery(HttpServerRequest req, String path) {
        if (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        switch (path) {
            case "/version" -> {
                ObjectNode v = Json.object();
                v.put("major", "1").put("minor", "31").put("gitVersion", "v1.31.0-skybridge").put("gitCommit", "0000000000000000000000000000000000000000")
                    .put("gitTreeState", "clean").put("buildDate", "2026-01-01T00:00:00Z").put("goVersion", "go1.22.0")
                    .put("compiler", "gc").put("platform", "linux/amd64");
                send(req, 200, v);
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
                send(req, 200, v);
                return true;
            }
            case "/apis" -> {
                ObjectNode v = Json.object();
                v.put("kind", "APIGroupList").put("apiVersion", "v1");
                ArrayNode groups = v.putArray("groups");
                groupVersions().forEach((g, versions) -> groups.add(group(g, versions)));
                send(req, 200, v);
                return true;
            }
            case "/api/v1" -> {
                send(req, 200, resourceList("", "v1"));
                return true;
            }
            default -> {
                String[] seg = path.substring(1).split("/");
                Map<String, List<String>> gvs = seg[0].equals("apis") && (seg.length == 2 || seg.length == 3) ? groupVersions() : Map.of();
                if (seg.length == 2 && gvs.containsKey(seg[1])) {
                    ObjectNode g = group(seg[1], gvs.get(seg[1]));
                    g.put("kind", "APIGroup").put("apiVersion", "v1");
                    send(req, 200, g);
                    return true;
                }
                if (seg.length == 3 && gvs.getOrDefault(seg[1], List.of()).contains(seg[2])) {
                    send(req, 200, resourceList(seg[1], seg[2]));
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

    // ------------------------------------------------------------------ resources

    Target parse(String path) {
        String[] seg = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        String group;
        String version;
        int i;
        if (seg.length >= 3 && seg[0].equals("api") && seg[1].equals("v1")) {
            group = "";
            version = "v1";
            i = 2;
        } else if (seg.length >= 4 && seg[0].equals("apis")) {
            group = seg[1];
            version = seg[2];
            i = 3;
        } else {
            return null;
        }
        String[] rest = Arrays.copyOfRange(seg, i, seg.length);
        if (rest.length >= 3 && rest[0].equals("namespaces")) {
            ResourceType t = store.findType(group, version, rest[2]);
            if (t != null && t.namespaced() && rest.length <= 5) {
                return new Target(t, rest[1], rest.length >= 4 ? rest[3] : null, rest.length == 5 ? rest[4] : null);
            }
        }
        if (rest.length == 0 || rest.length > 3) {
            return null;
        }
        ResourceType t = store.findType(group, version, rest[0]);
        if (t == null || (t.namespaced() && rest.length > 1)) {
            return null;
        }
        return new Target(t, null, rest.length >= 2 ? rest[1] : null, rest.length == 3 ? rest[2] : null);
    }

    private void dispatch(HttpServerRequest req, Target t, Buffer buf) {
        ResourceType rt = t.type;
        byte[] body = buf == null ? new byte[0] : buf.getBytes();
        HttpMethod m = req.method();
        if (t.sub != null && !rt.subresources().contains(t.sub)) {
            throw new KubeException(404, "NotFound", "the server could not find the requested resource", rt.plural(), t.name);
        }
        if (t.name == null) {
            if (m == HttpMethod.GET) {
                list(req, t);
            } else if (m == HttpMethod.POST) {
                ObjectNode in = object(body);
                send(req, 201, store.create(rt, t.namespace, in));
            } else if (m == HttpMethod.DELETE) {
                Selectors.LabelPredicate lp = Selectors.parseLabels(req.getParam("labelSelector"));
                Predicate<ObjectNode> fp = Selectors.parseFields(req.getParam("fieldSelector"));
                List<ObjectNode> gone = new ArrayList<>();
                for (ObjectNode o : store.list(rt, t.namespace, lp, fp)) {
                    try {
                        gone.add(store.delete(rt, Json.namespace(o), Json.name(o), grace(req, body), null));
                    } catch (KubeException e) {
                        // already gone
                    }
                }
                send(req, 200, listOf(rt, gone, store.resourceVersion()));
            } else {
                throw new KubeException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", rt.plural(), null);
            }
            return;
        }
        if (t.sub == null || t.sub.equals("status")) {
            boolean status = t.sub != null;
            if (m == HttpMethod.GET) {
                ObjectNode o = store.get(rt, t.namespace, t.name);
                if (wantsTable(req)) {
                    send(req, 200, Tables.table(rt, List.of(o), store.resourceVersion(), store.now()));
                } else {
                    send(req, 200, o);
                }
            } else if (m == HttpMethod.PUT) {
                send(req, 200, store.update(rt, t.namespace, t.name, object(body), status));
            } else if (m == HttpMethod.PATCH) {
                ObjectNode before = store.find(rt, t.namespace, t.name);
                ObjectNode after = store.patch(rt, t.namespace, t.name, req.getHeader(HttpHeaders.CONTENT_TYPE), body, status);
                send(req, before == null ? 201 : 200, after);
            } else if (m == HttpMethod.DELETE && !status) {
                JsonNode opts = body.length == 0 ? null : Json.parse(body);
                ObjectNode o = store.delete(rt, t.namespace, t.name, grace(req, body), opts == null ? null : opts.get("preconditions"));
                send(req, 200, o);
            } else {
                throw new KubeException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", rt.plural(), t.name);
            }
            return;
        }
        switch (t.sub) {
            case "eviction" -> {
                if (m != HttpMethod.POST) {
                    throw new KubeException(405, "MethodNotAllowed", "eviction only supports POST", "pods", t.name);
                }
                JsonNode in = body.length == 0 ? Json.object() : Json.parse(body);
                send(req, 201, Disruptions.evict(store, t.namespace, t.name, in));
            }
            case "binding" -> {
                JsonNode in = Json.parse(body);
                String node = in.path("target").path("name").asText("");
                send(req, 201, bind(store, t.namespace, t.name, node));
            }
            case "scale" -> scale(req, t, body);
            default -> throw new KubeException(404, "NotFound", "unknown subresource " + t.sub, rt.plural(), t.name);
        }
    }

    /** Binds a pod to a node (the scheduler's and {@code pods/binding}'s operation). */
    static ObjectNode bind(KubeStore store, String ns, String pod, String node) {
        return store.locked(() -> {
            ObjectNode cur = store.get(ResourceType.PODS, ns, pod);
            String have = cur.path("spec").path("nodeName").asText("");
            if (!have.isEmpty()) {
                throw KubeException.conflict(ResourceType.PODS, pod, "pod " + pod + " is already assigned to node \"" + have + "\"");
            }
            store.mutate(ResourceType.PODS, ns, pod, p -> {
                ((ObjectNode) p.get("spec")).put("nodeName", node);
                ControlPlane.setCondition(p, "PodScheduled", "True", null, null, store.now());
            });
            ObjectNode s = Json.object();
            s.put("kind", "Status").put("apiVersion", "v1");
            s.putObject("metadata");
            s.put("status", "Success").put("code", 201);
            return s;
        });
    }

    private void scale(HttpServerRequest req, Target t, byte[] body) {
        ResourceType rt = t.type;
        HttpMethod m = req.method();
        ObjectNode cur = store.get(rt, t.namespace, t.name);
        ObjectNode scale = scaleOf(cur);
        if (m == HttpMethod.GET) {
            send(req, 200, scale);
            return;
        }
        ObjectNode desired;
        if (m == HttpMethod.PUT) {
            desired = object(body);
        } else if (m == HttpMethod.PATCH) {
            String ct = String.valueOf(req.getHeader(HttpHeaders.CONTENT_TYPE));
            JsonNode p = Json.parse(body);
            try {
                desired = (ObjectNode) (ct.startsWith("application/json-patch") ? Patches.jsonPatch(scale, p) : Patches.mergePatch(scale, p));
            } catch (Patches.PatchException | ClassCastException e) {
                throw KubeException.invalid(rt, t.name, e.getMessage());
            }
        } else {
            throw new KubeException(405, "MethodNotAllowed", "scale supports get, update and patch", rt.plural(), t.name);
        }
        String rv = desired.path("metadata").path("resourceVersion").asText("");
        if (!rv.isEmpty() && !rv.equals(cur.path("metadata").path("resourceVersion").asText())) {
            throw KubeException.conflict(rt, t.name, "the object has been modified; please apply your changes to the latest version and try again");
        }
        int replicas = desired.path("spec").path("replicas").asInt(-1);
        if (replicas < 0) {
            throw KubeException.invalid(rt, t.name, "spec.replicas: Invalid value: must be greater than or equal to 0");
        }
        ObjectNode after = store.mutate(rt, t.namespace, t.name, o -> ((ObjectNode) o.get("spec")).put("replicas", replicas));
        send(req, 200, scaleOf(after));
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

    private static Long grace(HttpServerRequest req, byte[] body) {
        String q = req.getParam("gracePeriodSeconds");
        if (q != null) {
            try {
                return Long.parseLong(q);
            } catch (NumberFormatException e) {
                throw KubeException.badRequest("invalid gracePeriodSeconds");
            }
        }
        if (body.length > 0) {
            JsonNode o = Json.parse(body);
            if (o.has("gracePeriodSeconds") && !o.get("gracePeriodSeconds").isNull()) {
                return o.get("gracePeriodSeconds").asLong();
            }
        }
        return null;
    }

    private static ObjectNode object(byte[] body) {
        if (body.length == 0) {
            throw KubeException.badRequest("the request has no body");
        }
        JsonNode n = Json.parse(body);
        if (!n.isObject()) {
            throw KubeException.badRequest("the body must be a JSON object");
        }
        return (ObjectNode) n;
    }

    private static boolean wantsTable(HttpServerRequest req) {
        String a = req.getHeader(HttpHeaders.ACCEPT);
        return a != null && a.contains("as=Table");
    }

    private void list(HttpServerRequest req, Target t) {
        Selectors.LabelPredicate lp = Selectors.parseLabels(req.getParam("labelSelector"));
        Predicate<ObjectNode> fp = Selectors.parseFields(req.getParam("fieldSelector"));
        long[] rv = new long[1];
        List<ObjectNode> items = store.locked(() -> {
            rv[0] = store.resourceVersion();
            return store.list(t.type, t.namespace, lp, fp);
        });
        if (wantsTable(req)) {
            send(req, 200, Tables.table(t.type, items, rv[0], store.now()));
            return;
        }
        StringBuilder sb = new StringBuilder(256 + items.size() * 512);
        sb.append("{\"kind\":\"").append(t.type.kind()).append("List\",\"apiVersion\":\"").append(t.type.apiVersion())
            .append("\",\"metadata\":{\"resourceVersion\":\"").append(rv[0]).append("\"},\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(Json.write(items.get(i)));
        }
        sb.append("]}");
        req.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(sb.toString());
    }

    private static ObjectNode listOf(ResourceType t, List<ObjectNode> items, long rv) {
        ObjectNode l = Json.object();
        l.put("kind", t.kind() + "List").put("apiVersion", t.apiVersion());
        l.putObject("metadata").put("resourceVersion", Long.toString(rv));
        ArrayNode a = l.putArray("items");
        items.forEach(a::add);
        return l;
    }

    // ------------------------------------------------------------------ watches

    private static String event(String type, JsonNode obj) {
        return "{\"type\":\"" + type + "\",\"object\":" + Json.write(obj) + "}";
    }

    private void watchWebSocket(ServerWebSocket ws, Target t, MultiMap params) {
        KubeStore.Watch w;
        try {
            w = store.watch(t.type, t.namespace, Selectors.parseLabels(params.get("labelSelector")),
                Selectors.parseFields(params.get("fieldSelector")), params.get("resourceVersion"),
                (type, obj) -> ws.writeTextMessage(event(type, obj)));
        } catch (KubeException e) {
            ws.writeTextMessage(event("ERROR", e.toStatus())).onComplete(x -> ws.close());
            return;
        }
        ws.closeHandler(v -> w.close());
        ws.exceptionHandler(e -> w.close());
        long timeout = timeoutSeconds(params);
        if (timeout > 0) {
            vertx.setTimer(timeout * 1000, id -> {
                w.close();
                ws.close();
            });
        }
    }

    private void watchHttp(HttpServerRequest req, Target t) {
        HttpServerResponse resp = req.response();
        resp.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").setStatusCode(200);
        boolean table = wantsTable(req);
        KubeStore.Watch w;
        try {
            w = store.watch(t.type, t.namespace, Selectors.parseLabels(req.getParam("labelSelector")),
                Selectors.parseFields(req.getParam("fieldSelector")), req.getParam("resourceVersion"),
                (type, obj) -> resp.write(event(type, table ? Tables.table(t.type, List.of(obj),
                    obj.path("metadata").path("resourceVersion").asLong(0), store.now()) : obj) + "\n"));
        } catch (KubeException e) {
            if (e.code == 410) {
                resp.end(event("ERROR", e.toStatus()) + "\n");
            } else {
                resp.setChunked(false);
                send(req, e.code, e.toStatus());
            }
            return;
        }
        resp.closeHandler(v -> w.close());
        req.connection().closeHandler(v -> w.close());
        long timeout = timeoutSeconds(req.params());
        if (timeout > 0) {
            vertx.setTimer(timeout * 1000, id -> {
                w.close();
                if (!resp.ended()) {
                    resp.end();
                }
            });
        }
    }

    private static long timeoutSeconds(MultiMap params) {
        try {
            String s = params.get("timeoutSeconds");
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void send(HttpServerRequest req, int code, JsonNode body) {
        HttpServerResponse r = req.response();
        if (r.ended()) {
            return;
        }
        r.setStatusCode(code).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Json.write(body));
    }
}

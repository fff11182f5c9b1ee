package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** The Kubernetes REST API over plain HTTP: discovery, CRUD, patch, watch (HTTP streaming and WebSocket), subresources. */
public final class KubeApiServer implements Handler<HttpServerRequest> {
    private final KubeStore store;
    private final KubeDiscovery discovery;
    private final Subresources subresources;
    private final WatchEndpoints watches;
    private final RequestCounter requests;

    public KubeApiServer(KubeStore store, Vertx vertx) {
        this(store, vertx, new RequestCounter());
    }

    public KubeApiServer(KubeStore store, Vertx vertx, RequestCounter requests) {
        this.store = store;
        this.requests = requests;
        this.discovery = new KubeDiscovery(store);
        this.subresources = new Subresources(store);
        this.watches = new WatchEndpoints(store, vertx);
    }

    /** A parsed resource path. */
    record Target(ResourceType type, String namespace, String name, String sub) {
    }

    @Override
    public void handle(HttpServerRequest req) {
        String path = req.path();
        try {
            if (req.method() == HttpMethod.GET && discovery.handle(req, path)) {
                return;
            }
            Target t = parse(path);
            if (t == null) {
                throw new KubeException(404, "NotFound", "the server could not find the requested resource", null, null);
            }
            requests.count(RequestCounter.verb(req.method().name(), t.name != null, req.method() == HttpMethod.GET && isWatch(req)));
            if (req.method() == HttpMethod.GET && t.name == null && isWatch(req)) {
                if ("websocket".equalsIgnoreCase(req.getHeader(HttpHeaders.UPGRADE))) {
                    req.toWebSocket().onSuccess(ws -> watches.webSocket(ws, t, req.params()))
                        .onFailure(e -> { });
                } else {
                    watches.http(req, t);
                }
                return;
            }
            req.body().onSuccess(buf -> {
                try {
                    dispatch(req, t, buf);
                } catch (KubeException e) {
                    ApiResponses.send(req, e.code, e.toStatus());
                } catch (RuntimeException e) {
                    ApiResponses.send(req, 500, new KubeException(500, "InternalError", "Internal error: " + e, null, null).toStatus());
                }
            });
        } catch (KubeException e) {
            ApiResponses.send(req, e.code, e.toStatus());
        } catch (RuntimeException e) {
            ApiResponses.send(req, 500, new KubeException(500, "InternalError", "Internal error: " + e, null, null).toStatus());
        }
    }

    private static boolean isWatch(HttpServerRequest req) {
        String w = req.getParam("watch");
        return w != null && (w.equals("true") || w.equals("1"));
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
                ObjectNode in = ApiResponses.object(body);
                ApiResponses.send(req, 201, store.create(rt, t.namespace, in));
            } else if (m == HttpMethod.DELETE) {
                Selectors.LabelPredicate lp = Selectors.parseLabels(req.getParam("labelSelector"));
                Predicate<ObjectNode> fp = Selectors.parseFields(req.getParam("fieldSelector"));
                List<ObjectNode> gone = new ArrayList<>();
                for (ObjectNode o : store.list(rt, t.namespace, lp, fp)) {
                    try {
                        gone.add(store.delete(rt, Json.namespace(o), Json.name(o), ApiResponses.grace(req, body), null));
                    } catch (KubeException e) {
                        // already gone
                    }
                }
                ApiResponses.send(req, 200, listOf(rt, gone, store.resourceVersion()));
            } else {
                throw new KubeException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", rt.plural(), null);
            }
            return;
        }
        if (t.sub == null || t.sub.equals("status")) {
            boolean status = t.sub != null;
            if (m == HttpMethod.GET) {
                ObjectNode o = store.get(rt, t.namespace, t.name);
                if (ApiResponses.wantsTable(req)) {
                    ApiResponses.send(req, 200, Tables.table(rt, List.of(o), store.resourceVersion(), store.now()));
                } else {
                    ApiResponses.send(req, 200, o);
                }
            } else if (m == HttpMethod.PUT) {
                ApiResponses.send(req, 200, store.update(rt, t.namespace, t.name, ApiResponses.object(body), status));
            } else if (m == HttpMethod.PATCH) {
                ObjectNode before = store.find(rt, t.namespace, t.name);
                ObjectNode after = store.patch(rt, t.namespace, t.name, req.getHeader(HttpHeaders.CONTENT_TYPE), body, status);
                ApiResponses.send(req, before == null ? 201 : 200, after);
            } else if (m == HttpMethod.DELETE && !status) {
                JsonNode opts = body.length == 0 ? null : Json.parse(body);
                ObjectNode o = store.delete(rt, t.namespace, t.name, ApiResponses.grace(req, body), opts == null ? null : opts.get("preconditions"));
                ApiResponses.send(req, 200, o);
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
                ApiResponses.send(req, 201, Disruptions.evict(store, t.namespace, t.name, in));
            }
            case "binding" -> {
                JsonNode in = Json.parse(body);
                String node = in.path("target").path("name").asText("");
                ApiResponses.send(req, 201, subresources.bind(t.namespace, t.name, node));
            }
            case "scale" -> subresources.scale(req, t, body);
            default -> throw new KubeException(404, "NotFound", "unknown subresource " + t.sub, rt.plural(), t.name);
        }
    }

    private void list(HttpServerRequest req, Target t) {
        Selectors.LabelPredicate lp = Selectors.parseLabels(req.getParam("labelSelector"));
        Predicate<ObjectNode> fp = Selectors.parseFields(req.getParam("fieldSelector"));
        long[] rv = new long[1];
        List<ObjectNode> items = store.locked(() -> {
            rv[0] = store.resourceVersion();
            return store.list(t.type, t.namespace, lp, fp);
        });
        if (ApiResponses.wantsTable(req)) {
            ApiResponses.send(req, 200, Tables.table(t.type, items, rv[0], store.now()));
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
}

package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;

import java.util.List;

/**
 * {@code ?watch=true} over WebSocket (fabric8) and chunked HTTP (kubectl, tables too), resuming from a
 * resourceVersion, with selectors and {@code timeoutSeconds}; each is a {@link Watch} on the store.
 */
final class WatchEndpoints {
    private final KubeStore store;
    private final Vertx vertx;

    WatchEndpoints(KubeStore store, Vertx vertx) {
        this.store = store;
        this.vertx = vertx;
    }

    private static String event(String type, JsonNode obj) {
        return "{\"type\":\"" + type + "\",\"object\":" + Json.write(obj) + "}";
    }

    void webSocket(ServerWebSocket ws, KubeApiServer.Target t, MultiMap params) {
        Watch w;
        try {
            w = store.watch(t.type(), t.namespace(), Selectors.parseLabels(params.get("labelSelector")),
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

    void http(HttpServerRequest req, KubeApiServer.Target t) {
        HttpServerResponse resp = req.response();
        resp.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").setStatusCode(200);
        boolean table = ApiResponses.wantsTable(req);
        Watch w;
        try {
            w = store.watch(t.type(), t.namespace(), Selectors.parseLabels(req.getParam("labelSelector")),
                Selectors.parseFields(req.getParam("fieldSelector")), req.getParam("resourceVersion"),
                (type, obj) -> resp.write(event(type, table ? Tables.table(t.type(), List.of(obj),
                    obj.path("metadata").path("resourceVersion").asLong(0), store.now()) : obj) + "\n"));
        } catch (KubeException e) {
            if (e.code == 410) {
                resp.end(event("ERROR", e.toStatus()) + "\n");
            } else {
                resp.setChunked(false);
                ApiResponses.send(req, e.code, e.toStatus());
            }
            return;
        }
        // headers go out now, as the real API server flushes them: client-go's watch request has no
        // deadline of its own, so a client stopping its informer would otherwise wait for the first event
        if (!resp.headWritten()) {
            resp.writeHead();
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
}

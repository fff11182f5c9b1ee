package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** Reading API requests (bodies, grace periods, table requests) and writing JSON answers. */
final class ApiResponses {
    private ApiResponses() {
    }

    static Long grace(HttpServerRequest req, byte[] body) {
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

    static ObjectNode object(byte[] body) {
        if (body.length == 0) {
            throw KubeException.badRequest("the request has no body");
        }
        JsonNode n = Json.parse(body);
        if (!n.isObject()) {
            throw KubeException.badRequest("the body must be a JSON object");
        }
        return (ObjectNode) n;
    }

    static boolean wantsTable(HttpServerRequest req) {
        String a = req.getHeader(HttpHeaders.ACCEPT);
        return a != null && a.contains("as=Table");
    }

    static void send(HttpServerRequest req, int code, JsonNode body) {
        HttpServerResponse r = req.response();
        if (r.ended()) {
            return;
        }
        r.setStatusCode(code).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Json.write(body));
    }
}

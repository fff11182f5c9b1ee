package io.skybridge.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.http.Gate;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.emulator.world.World;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** HTTP front of the Compute Engine v1 API. */
public final class GceServer {
    private static final String PREFIX = "/compute/v1/";
    /** How long {@code operations/{name}/wait} blocks at most, like the real API's two minutes. */
    private static final long WAIT_MAX_MILLIS = 120_000;

    private final World world;
    private final Vertx vertx;
    private final GceApi api;
    private final Gate gate;

    public GceServer(World world, Vertx vertx) {
        this.world = world;
        this.vertx = vertx;
        this.api = new GceApi(world);
        this.gate = new Gate(world, vertx);
    }

    public Router router(Vertx vertx) {
        Router r = Router.router(vertx);
        r.route().handler(BodyHandler.create(false).setBodyLimit(8 * 1024 * 1024));
        r.route().handler(this::handle);
        r.route().failureHandler(ctx -> {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            write(ctx, status, GceException.render(status, status == 413 ? "uploadTooLarge" : status < 500 ? "badRequest" : "backendError",
                "global", status < 500 ? "Bad Request" : "Internal Error"));
        });
        return r;
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String rawPath = req.path();
        if (rawPath.equals("/batch/compute/v1") || rawPath.equals("/batch")) {
            gate.run(ctx, Cloud.GCP, null, "batch", errorWriter(), () -> batch(ctx));
            return;
        }
        if (!rawPath.startsWith(PREFIX)) {
            write(ctx, 404, GceException.render(404, "notFound", "global", "The requested URL " + rawPath + " was not found on this server."));
            return;
        }
        String path = URLDecoder.decode(rawPath.substring(PREFIX.length()), StandardCharsets.UTF_8);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        Map<String, String> query = new LinkedHashMap<>();
        JsonNode body = null;
        try {
            String q = req.query();
            if (q != null) {
                for (String pair : q.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            if (ctx.body() != null && ctx.body().length() > 0) {
                body = Json.MAPPER.readTree(ctx.body().asString("UTF-8"));
            }
        } catch (Exception e) {
            write(ctx, 400, GceException.render(400, "parseError", "global", "Parse Error"));
            return;
        }
        String method = req.method().name();
        String override = req.getHeader("X-HTTP-Method-Override");
        if (override != null && method.equals("POST")) {
            method = override.trim().toUpperCase(java.util.Locale.ROOT);
        }
        String p = path;
        JsonNode b = body;
        String m = method;
        gate.run(ctx, Cloud.GCP, api.regionOf(path), m + " " + path, errorWriter(), () -> execute(ctx, m, p, query, b));
    }

    private static Gate.ErrorWriter errorWriter() {
        return new Gate.ErrorWriter() {
            @Override
            public void unavailable(RoutingContext c) {
                write(c, 503, UNAVAILABLE);
            }

            @Override
            public void throttled(RoutingContext c) {
                write(c, 429, THROTTLED);
            }
        };
    }

    private static final ObjectNode UNAVAILABLE = GceException.render(503, "backendError", "global", "The service is currently unavailable.");
    private static final ObjectNode THROTTLED = GceException.render(429, "rateLimitExceeded", "usageLimits", "Rate Limit Exceeded");

    /**
     * The batch endpoint gcloud uses for several requests at once: {@code multipart/mixed}, one
     * {@code application/http} request per part, answered in the same shape.
     */
    private void batch(RoutingContext ctx) {
        String ct = ctx.request().getHeader("Content-Type");
        java.util.regex.Matcher bm = ct == null ? null : java.util.regex.Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(ct);
        if (bm == null || !ct.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/mixed") || !bm.find()) {
            write(ctx, 400, GceException.render(400, "badRequest", "global", "Batch requests must be multipart/mixed with a boundary."));
            return;
        }
        String body = ctx.body() == null ? "" : ctx.body().asString("UTF-8");
        String delimiter = "--" + bm.group(1);
        String outBoundary = "batch_" + java.util.UUID.randomUUID().toString().replace("-", "");
        StringBuilder out = new StringBuilder();
        String[] parts = body.split(java.util.regex.Pattern.quote(delimiter));
        int count = 0;
        for (int n = 1; n < parts.length; n++) {
            String part = parts[n];
            if (part.startsWith("--")) {
                break;
            }
            String[] headAndPayload = splitBlank(part.replaceFirst("^\r?\n", ""));
            String contentId = header(headAndPayload[0], "Content-ID");
            String[] reqHeadAndBody = splitBlank(headAndPayload[1]);
            String[] lines = reqHeadAndBody[0].split("\r?\n");
            String[] requestLine = lines[0].trim().split(" ");
            int status;
            JsonNode reply;
            if (requestLine.length < 2) {
                status = 400;
                reply = GceException.render(400, "badRequest", "global", "Malformed batch part.");
            } else {
                String method = requestLine[0];
                String override = header(reqHeadAndBody[0], "X-HTTP-Method-Override");
                if (override != null) {
                    method = override.trim().toUpperCase(java.util.Locale.ROOT);
                }
                String target = requestLine[1];
                int q = target.indexOf('?');
                String rawPath = q < 0 ? target : target.substring(0, q);
                Map<String, String> query = new LinkedHashMap<>();
                if (q >= 0) {
                    for (String pair : target.substring(q + 1).split("&")) {
                        if (!pair.isEmpty()) {
                            int eq = pair.indexOf('=');
                            query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                                eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                        }
                    }
                }
                String[] r = subRequest(method, rawPath, query, reqHeadAndBody[1].trim());
                status = Integer.parseInt(r[0]);
                reply = parse(r[1]);
            }
            count++;
            out.append(delimiter.replace(bm.group(1), outBoundary)).append("\r\n")
                .append("Content-Type: application/http\r\n")
                .append("Content-ID: <response-").append(contentId == null ? "" : contentId.replaceAll("^<|>$", "")).append(">\r\n\r\n")
                .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
                .append("Content-Type: application/json; charset=UTF-8\r\n\r\n");
            try {
                out.append(reply == null ? "" : Json.MAPPER.writeValueAsString(reply));
            } catch (Exception e) {
                out.append("{}");
            }
            out.append("\r\n");
        }
        out.append("--").append(outBoundary).append("--\r\n");
        world.events().record("gcp", null, "batch", null, "requests", count);
        ctx.response().setStatusCode(200).putHeader("Content-Type", "multipart/mixed; boundary=" + outBoundary).end(out.toString());
    }

    private String[] subRequest(String method, String rawPath, Map<String, String> query, String bodyText) {
        if (!rawPath.startsWith(PREFIX)) {
            return new String[] {"404", GceException.render(404, "notFound", "global", "The requested URL " + rawPath + " was not found on this server.").toString()};
        }
        String path = URLDecoder.decode(rawPath.substring(PREFIX.length()), StandardCharsets.UTF_8).replaceAll("/+$", "");
        JsonNode body = null;
        if (!bodyText.isEmpty()) {
            body = parse(bodyText);
            if (body == null) {
                return new String[] {"400", GceException.render(400, "parseError", "global", "Parse Error").toString()};
            }
        }
        String region = api.regionOf(path);
        if (world.outageFor(Cloud.GCP, region) != null) {
            world.events().record("gcp", region, "outage.rejected", null, "operation", method + " " + path);
            return new String[] {"503", UNAVAILABLE.toString()};
        }
        try {
            GceApi.Reply reply = api.handle(method, path, query, body);
            return new String[] {String.valueOf(reply.status()), reply.body() == null ? "" : reply.body().toString()};
        } catch (GceException e) {
            return new String[] {String.valueOf(e.code()), e.toJson().toString()};
        } catch (RuntimeException e) {
            world.events().record("gcp", null, "internal.error", null, "operation", method + " " + path, "error", String.valueOf(e));
            return new String[] {"500", GceException.render(500, "backendError", "global", "Internal Error").toString()};
        }
    }

    private static JsonNode parse(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            return null;
        }
    }

    private static String[] splitBlank(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\r?\n\r?\n").matcher(s);
        if (m.find()) {
            return new String[] {s.substring(0, m.start()), s.substring(m.end())};
        }
        return new String[] {s, ""};
    }

    private static String header(String block, String name) {
        for (String line : block.split("\r?\n")) {
            int c = line.indexOf(':');
            if (c > 0 && line.substring(0, c).trim().equalsIgnoreCase(name)) {
                return line.substring(c + 1).trim();
            }
        }
        return null;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    private void execute(RoutingContext ctx, String method, String path, Map<String, String> query, JsonNode body) {
        try {
            if (method.equals("POST") && path.endsWith("/wait") && path.contains("/operations/")) {
                GceApi.Reply first = api.handle(method, path, query, body);
                String opPath = path.substring(0, path.length() - "/wait".length());
                if ("DONE".equals(first.body().path("status").asText())) {
                    write(ctx, 200, first.body());
                } else {
                    long deadline = System.currentTimeMillis() + WAIT_MAX_MILLIS;
                    vertx.setPeriodic(20, id -> {
                        if (ctx.response().closed()) {
                            vertx.cancelTimer(id);
                            return;
                        }
                        ObjectNode op = api.operationJson(opPath);
                        if (op == null || "DONE".equals(op.path("status").asText()) || System.currentTimeMillis() > deadline) {
                            vertx.cancelTimer(id);
                            if (op == null) {
                                write(ctx, 404, GceException.notFound(opPath).toJson());
                            } else {
                                write(ctx, 200, op);
                            }
                        }
                    });
                }
                return;
            }
            GceApi.Reply reply = api.handle(method, path, query, body);
            write(ctx, reply.status(), reply.body());
        } catch (GceException e) {
            write(ctx, e.code(), e.toJson());
        } catch (RuntimeException e) {
            world.events().record("gcp", null, "internal.error", null, "operation", method + " " + path, "error", String.valueOf(e));
            write(ctx, 500, GceException.render(500, "backendError", "global", "Internal Error"));
        }
    }

    private static void write(RoutingContext ctx, int status, JsonNode body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status);
        if (body == null) {
            ctx.response().end();
            return;
        }
        try {
            ctx.response().putHeader("Content-Type", "application/json; charset=UTF-8").end(Json.MAPPER.writeValueAsString(body));
        } catch (Exception e) {
            ctx.response().setStatusCode(500).end();
        }
    }
}

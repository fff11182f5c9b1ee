package io.skybridge.emulator.aws;

import io.skybridge.emulator.http.Gate;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.emulator.world.World;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP front of the EC2 Query API. */
public final class Ec2Server {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/");
    private static final Pattern SCOPE_Q = Pattern.compile("^[^/]+/\\d{8}/([a-z0-9-]+)/");
    private static final String XML_DECL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private final World world;
    private final Ec2Api api;
    private final Gate gate;

    public Ec2Server(World world, Vertx vertx) {
        this.world = world;
        this.api = new Ec2Api(world);
        this.gate = new Gate(world, vertx);
    }

    public Router router(Vertx vertx) {
        Router r = Router.router(vertx);
        r.route().handler(BodyHandler.create(false).setBodyLimit(16 * 1024 * 1024));
        r.route().handler(this::handle);
        r.route().failureHandler(ctx -> {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            String code = status == 413 ? "RequestEntityTooLarge" : status < 500 ? "MalformedQueryString" : "InternalError";
            String msg = status < 500 ? "The request could not be parsed." : "An internal error has occurred";
            writeError(ctx, status, code, msg);
        });
        return r;
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        Map<String, String> params;
        try {
            params = new LinkedHashMap<>();
            parseInto(req.query(), params);
            Buffer body = ctx.body() == null ? null : ctx.body().buffer();
            if (body != null && body.length() > 0) {
                String ct = req.getHeader("Content-Type");
                if (ct != null && !ct.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
                    writeError(ctx, 400, "InvalidParameterValue", "Unsupported content type " + ct + "; EC2 expects application/x-www-form-urlencoded.");
                    return;
                }
                parseInto(body.toString(StandardCharsets.UTF_8), params);
            }
        } catch (IllegalArgumentException e) {
            writeError(ctx, 400, "MalformedQueryString", "The query string is malformed: " + e.getMessage());
            return;
        }
        String action = params.get("Action");
        String region = regionOf(req, params);
        gate.run(ctx, Cloud.AWS, region, action, new Gate.ErrorWriter() {
            @Override
            public void unavailable(RoutingContext c) {
                writeError(c, 503, "Unavailable", "The service is unavailable. Please try again shortly.");
            }

            @Override
            public void throttled(RoutingContext c) {
                writeError(c, 503, "RequestLimitExceeded", "Request limit exceeded.");
            }
        }, () -> execute(ctx, action, params, region));
    }

    private void execute(RoutingContext ctx, String action, Map<String, String> params, String region) {
        String requestId = UUID.randomUUID().toString();
        try {
            String xml = api.handle(action, params, region, requestId);
            ctx.response().setStatusCode(200).putHeader("Content-Type", "text/xml;charset=UTF-8")
                .putHeader("x-amzn-RequestId", requestId).end(XML_DECL + xml);
        } catch (Ec2Exception e) {
            writeError(ctx, e.status(), e.code(), e.getMessage(), requestId);
        } catch (RuntimeException e) {
            world.events().record("aws", region, "internal.error", null, "action", action, "error", String.valueOf(e));
            writeError(ctx, 500, "InternalError", "An internal error has occurred", requestId);
        }
    }

    private String regionOf(HttpServerRequest req, Map<String, String> params) {
        String auth = req.getHeader("Authorization");
        if (auth != null) {
            Matcher m = SCOPE.matcher(auth);
            if (m.find()) {
                return m.group(1);
            }
        }
        String cred = params.get("X-Amz-Credential");
        if (cred != null) {
            Matcher m = SCOPE_Q.matcher(cred);
            if (m.find()) {
                return m.group(1);
            }
        }
        return world.spec().aws.defaultRegion;
    }

    private static void parseInto(String s, Map<String, String> out) {
        if (s == null || s.isEmpty()) {
            return;
        }
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
    }

    private void writeError(RoutingContext ctx, int status, String code, String message) {
        writeError(ctx, status, code, message, UUID.randomUUID().toString());
    }

    private void writeError(RoutingContext ctx, int status, String code, String message, String requestId) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/xml;charset=UTF-8")
            .putHeader("x-amzn-RequestId", requestId)
            .end(XML_DECL + Ec2Exception.render(code, message, requestId));
    }
}

package io.skybridge.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.emulator.world.Event;
import io.skybridge.emulator.world.World;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The control API: JSON over HTTP under {@code /control}. */
public final class ControlServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final World world;
    private final Map<String, Object> info;
    private final NodeLifecycleSettings nodeLifecycle;

    /** @param info static facts served by {@code GET /control/health} (ports, endpoints) */
    public ControlServer(World world, Map<String, Object> info) {
        this(world, info, null);
    }

    /** @param kube the Kubernetes control plane's settings ({@code /control/kube/node-lifecycle}); null: none */
    public ControlServer(World world, Map<String, Object> info, io.skybridge.emulator.kube.KubeConfig kube) {
        this.world = world;
        this.info = info;
        this.nodeLifecycle = kube == null ? null : new NodeLifecycleSettings(kube);
    }

    public Router router(Vertx vertx) {
        Router r = Router.router(vertx);
        r.route().handler(BodyHandler.create(false).setBodyLimit(1024 * 1024));
        r.get("/control/health").handler(ctx -> json(ctx, 200, health()));
        r.get("/control/outages").handler(ctx -> json(ctx, 200, outages()));
        r.post("/control/outages").handler(ctx -> body(ctx, b -> {
            Cloud cloud = Cloud.parse(text(b, "cloud"));
            Outage o = world.startOutage(cloud, text(b, "region"), OutageMode.parse(text(b, "mode")));
            json(ctx, 201, JSON.valueToTree(Map.of("cloud", cloud.id(), "region", String.valueOf(o.region()),
                "mode", o.mode().id(), "since", o.since())));
        }));
        r.delete("/control/outages/:cloud").handler(ctx -> guard(ctx, () -> {
            Cloud cloud = Cloud.parse(ctx.pathParam("cloud"));
            String region = ctx.request().getParam("region");
            boolean all = region == null || "true".equals(ctx.request().getParam("all"));
            boolean removed = world.clearOutage(cloud, all ? "*" : region);
            json(ctx, removed ? 200 : 404, JSON.createObjectNode().put("cleared", removed));
        }));
        r.delete("/control/outages").handler(ctx -> guard(ctx, () -> {
            boolean a = world.clearOutage(Cloud.AWS, "*");
            boolean g = world.clearOutage(Cloud.GCP, "*");
            json(ctx, 200, JSON.createObjectNode().put("cleared", a || g));
        }));
        r.get("/control/boot-delay").handler(ctx -> json(ctx, 200, JSON.createObjectNode().put("millis", world.bootDelayMillis())));
        r.route("/control/boot-delay").handler(ctx -> body(ctx, b -> {
            world.setBootDelay(duration(b));
            json(ctx, 200, JSON.createObjectNode().put("millis", world.bootDelayMillis()));
        }));
        r.route("/control/shutdown-delay").handler(ctx -> body(ctx, b -> {
            world.setShutdownDelay(duration(b));
            json(ctx, 200, JSON.createObjectNode().put("millis", world.shutdownDelayMillis()));
        }));
        r.get("/control/faults").handler(ctx -> {
            ObjectNode out = JSON.createObjectNode();
            for (Cloud c : Cloud.values()) {
                ObjectNode f = JSON.valueToTree(world.faults(c));
                f.set("zones", JSON.valueToTree(world.zoneCapacityFaults(c)));
                f.put("neverJoin", world.neverJoin(c));
                out.set(c.id(), f);
            }
            json(ctx, 200, out);
        });
        r.post("/control/faults").handler(ctx -> body(ctx, b -> {
            Cloud cloud = Cloud.parse(text(b, "cloud"));
            String zone = text(b, "zone");
            if (zone != null) {
                // a capacity fault scoped to one zone; the cloud-wide faults stay as they are
                for (String f : List.of("throttleRate", "quotaRate", "latencyMillis", "neverJoin")) {
                    if (b.has(f)) {
                        throw new IllegalArgumentException(f + " cannot be scoped to a zone; only capacityRate can");
                    }
                }
                world.setZoneCapacityFault(cloud, zone, b.path("capacityRate").asDouble(0));
                json(ctx, 200, JSON.createObjectNode().put("cloud", cloud.id()).put("zone", zone)
                    .put("capacityRate", b.path("capacityRate").asDouble(0)));
                return;
            }
            boolean rates = b.has("throttleRate") || b.has("capacityRate") || b.has("latencyMillis") || b.has("quotaRate");
            if (b.has("neverJoin")) {
                if (!b.get("neverJoin").isBoolean()) {
                    throw new IllegalArgumentException("neverJoin must be true or false");
                }
                world.setNeverJoin(cloud, b.get("neverJoin").asBoolean());
            }
            if (rates || !b.has("neverJoin")) {
                world.setFaults(cloud, new Faults(b.path("throttleRate").asDouble(0), b.path("capacityRate").asDouble(0),
                    b.path("latencyMillis").asLong(0), b.path("quotaRate").asDouble(0)));
            }
            ObjectNode out = JSON.valueToTree(world.faults(cloud));
            out.put("neverJoin", world.neverJoin(cloud));
            json(ctx, 200, out);
        }));
        r.delete("/control/faults/:cloud").handler(ctx -> guard(ctx, () -> {
            world.clearFaults(Cloud.parse(ctx.pathParam("cloud")));
            json(ctx, 200, JSON.createObjectNode().put("cleared", true));
        }));
        r.get("/control/partitions").handler(ctx -> {
            ObjectNode out = JSON.createObjectNode();
            world.partitions().forEach((k, v) -> out.put(k, v.id()));
            json(ctx, 200, out);
        });
        r.post("/control/partitions").handler(ctx -> body(ctx, b -> {
            String client = text(b, "client");
            PartitionMode mode = PartitionMode.parse(text(b, "mode"));
            world.partition(client, mode);
            json(ctx, 201, JSON.createObjectNode().put("client", client).put("mode", mode.id()));
        }));
        r.delete("/control/partitions/:client").handler(ctx -> guard(ctx, () -> {
            boolean healed = world.heal(ctx.pathParam("client"));
            json(ctx, healed ? 200 : 404, JSON.createObjectNode().put("healed", healed));
        }));
        r.get("/control/events").handler(ctx -> guard(ctx, () -> {
            String since = ctx.request().getParam("since");
            String type = ctx.request().getParam("type");
            String cloud = ctx.request().getParam("cloud");
            List<Event> events = world.events().since(since == null ? 0 : Long.parseLong(since));
            ArrayNode arr = JSON.createArrayNode();
            for (Event e : events) {
                if ((type == null || e.type().startsWith(type)) && (cloud == null || cloud.equals(e.cloud()))) {
                    arr.add(JSON.valueToTree(e));
                }
            }
            json(ctx, 200, JSON.createObjectNode().set("events", arr));
        }));
        r.post("/control/reset").handler(ctx -> guard(ctx, () -> {
            world.reset();
            json(ctx, 200, JSON.createObjectNode().put("reset", true));
        }));
        r.get("/control/clock").handler(ctx -> json(ctx, 200, JSON.createObjectNode()
            .put("now", world.clock().now().toString()).put("offsetMillis", world.clock().offsetMillis())));
        r.post("/control/clock/advance").handler(ctx -> body(ctx, b -> {
            world.advanceClock(duration(b));
            json(ctx, 200, JSON.createObjectNode().put("now", world.clock().now().toString()).put("offsetMillis", world.clock().offsetMillis()));
        }));
        if (nodeLifecycle != null) {
            r.get("/control/kube/node-lifecycle").handler(ctx -> json(ctx, 200, nodeLifecycle.read(JSON)));
            r.put("/control/kube/node-lifecycle").handler(ctx -> body(ctx, b -> {
                nodeLifecycle.apply(b);
                json(ctx, 200, nodeLifecycle.read(JSON));
            }));
        }
        r.route().last().handler(ctx -> error(ctx, 404, "no such control endpoint: " + ctx.request().method() + " " + ctx.request().path()));
        r.route().failureHandler(ctx -> error(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500,
            ctx.failure() == null ? "request failed" : String.valueOf(ctx.failure().getMessage())));
        return r;
    }

    private ObjectNode health() {
        ObjectNode n = JSON.createObjectNode().put("status", "ok").put("time", world.clock().now().toString());
        n.set("endpoints", JSON.valueToTree(info));
        n.set("outages", outages());
        return n;
    }

    private ArrayNode outages() {
        ArrayNode arr = JSON.createArrayNode();
        for (Outage o : world.outages()) {
            ObjectNode n = arr.addObject().put("cloud", o.cloud().id()).put("mode", o.mode().id()).put("since", o.since());
            if (o.region() != null) {
                n.put("region", o.region());
            } else {
                n.putNull("region");
            }
        }
        return arr;
    }

    private static Duration duration(JsonNode b) {
        if (b.has("millis")) {
            return Duration.ofMillis(b.get("millis").asLong());
        }
        if (b.has("seconds")) {
            return Duration.ofMillis((long) (b.get("seconds").asDouble() * 1000));
        }
        throw new IllegalArgumentException("expected {\"millis\": n} or {\"seconds\": n}");
    }

    private static String text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private void body(RoutingContext ctx, Consumer<JsonNode> handler) {
        guard(ctx, () -> {
            String s = ctx.body() == null ? null : ctx.body().asString();
            JsonNode b;
            try {
                b = s == null || s.isBlank() ? JSON.createObjectNode() : JSON.readTree(s);
            } catch (Exception e) {
                throw new IllegalArgumentException("body is not valid JSON");
            }
            if (!b.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            handler.accept(b);
        });
    }

    private void guard(RoutingContext ctx, Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
        }
    }

    private static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, JSON.createObjectNode().put("error", message));
    }

    private static void json(RoutingContext ctx, int status, JsonNode body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(JSON.writeValueAsString(body));
        } catch (Exception e) {
            ctx.response().setStatusCode(500).end();
        }
    }
}

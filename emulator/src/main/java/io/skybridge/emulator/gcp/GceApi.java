package io.skybridge.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.aws.AwsState;
import io.skybridge.emulator.gcp.GcpState.Operation;
import io.skybridge.emulator.gcp.GcpState.Resource;
import io.skybridge.emulator.world.Cidr;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.emulator.world.IpPool;
import io.skybridge.emulator.world.World;
import io.skybridge.emulator.world.WorldSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Compute Engine v1 resources and operations, behind {@link GceServer}. */
public final class GceApi {
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[a-z0-9_-]{0,63}");
    private static final Pattern UUID_RE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> ZONAL = Set.of("instances", "operations", "machineTypes");
    private static final Set<String> REGIONAL = Set.of("operations", "subnetworks", "vpnGateways", "vpnTunnels", "routers");
    private static final Set<String> GLOBAL = Set.of("operations", "networks", "externalVpnGateways", "firewalls");
    private static final Map<String, String> KIND = Map.ofEntries(
        Map.entry("instances", "compute#instance"), Map.entry("networks", "compute#network"),
        Map.entry("subnetworks", "compute#subnetwork"), Map.entry("vpnGateways", "compute#vpnGateway"),
        Map.entry("vpnTunnels", "compute#vpnTunnel"), Map.entry("routers", "compute#router"),
        Map.entry("externalVpnGateways", "compute#externalVpnGateway"), Map.entry("firewalls", "compute#firewall"),
        Map.entry("operations", "compute#operation"), Map.entry("machineTypes", "compute#machineType"),
        Map.entry("zones", "compute#zone"), Map.entry("regions", "compute#region"));

    /** An HTTP answer. */
    public record Reply(int status, JsonNode body) {
    }

    private final World world;

    public GceApi(World world) {
        this.world = world;
    }

    /** The region a request path concerns (for regional outages), or null for global/aggregated paths. */
    public String regionOf(String path) {
        String[] s = path.split("/");
        if (s.length >= 4 && s[0].equals("projects")) {
            if (s[2].equals("zones")) {
                return zoneRegion(s[3]);
            }
            if (s[2].equals("regions")) {
                return s[3];
            }
        }
        return null;
    }

    private String zoneRegion(String zone) {
        for (Map.Entry<String, List<String>> e : world.spec().gcp.regions.entrySet()) {
            if (e.getValue().contains(zone)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Instance label that makes the VM's kubelet never register a Node (tests of join timeouts); also the hidden marker. */
    public static final String NEVER_JOIN_LABEL = "skybridge-never-join";

    /** Whether this call creates capacity (subject to injected capacity errors). */
    public static boolean isCreate(String method, String path) {
        return "POST".equals(method) && path.matches("projects/[^/]+/zones/[^/]+/instances");
    }

    /**
     * Executes one call.
     *
     * @param path the part after {@code /compute/v1/}
     */
    public Reply handle(String method, String path, Map<String, String> query, JsonNode body) {
        String[] s = path.split("/", -1);
        if (s.length < 2 || !s[0].equals("projects") || s[1].isEmpty()) {
            throw unknownPath(path);
        }
        return world.locked(() -> {
            GcpState g = world.gcp();
            String project = s[1];
            if (!project.equals(g.project()) && !project.equals(g.spec().projectNumber)) {
                throw GceException.notFound("projects/" + project);
            }
            project = g.project();
            List<String> rest = List.of(s).subList(2, s.length);
            Reply reply = route(g, method, project, rest, query, body, path);
            // resources are live, mutable trees: hand out a copy so serialisation happens outside the lock safely
            return reply.body() == null ? reply : new Reply(reply.status(), reply.body().deepCopy());
        });
    }

    static GceException unknownPath(String path) {
        return new GceException(404, "notFound", "The requested URL /compute/v1/" + path + " was not found on this server.");
    }

    private static GceException badMethod(String method, String path) {
        return new GceException(405, "httpMethodNotAllowed", "Method " + method + " is not allowed for /compute/v1/" + path);
    }

    private Reply route(GcpState g, String method, String project, List<String> r, Map<String, String> q, JsonNode body, String path) {
        int n = r.size();
        if (n == 0) {
            requireMethod(method, "GET", path);
            return ok(projectJson(g));
        }
        switch (r.get(0)) {
            case "zones" -> {
                if (n == 1) {
                    requireMethod(method, "GET", path);
                    return ok(scopeList(g, project, "zones", q));
                }
                String zone = r.get(1);
                String region = zoneRegion(zone);
                if (region == null) {
                    throw GceException.notFound("projects/" + project + "/zones/" + zone);
                }
                if (n == 2) {
                    requireMethod(method, "GET", path);
                    return ok(zoneJson(g, project, zone));
                }
                if (!ZONAL.contains(r.get(2))) {
                    throw unknownPath(path);
                }
                return collection(g, method, project, "zones", zone, r.subList(2, n), q, body, path);
            }
            case "regions" -> {
                if (n == 1) {
                    requireMethod(method, "GET", path);
                    return ok(scopeList(g, project, "regions", q));
                }
                String region = r.get(1);
                if (!world.spec().gcp.regions.containsKey(region)) {
                    throw GceException.notFound("projects/" + project + "/regions/" + region);
                }
                if (n == 2) {
                    requireMethod(method, "GET", path);
                    return ok(regionJson(g, project, region));
                }
                if (!REGIONAL.contains(r.get(2))) {
                    throw unknownPath(path);
                }
                return collection(g, method, project, "regions", region, r.subList(2, n), q, body, path);
            }
            case "global" -> {
                if (n < 2 || !GLOBAL.contains(r.get(1))) {
                    throw unknownPath(path);
                }
                return collection(g, method, project, "global", null, r.subList(1, n), q, body, path);
            }
            case "aggregated" -> {
                if (n != 2) {
                    throw unknownPath(path);
                }
                requireMethod(method, "GET", path);
                return ok(aggregated(g, project, r.get(1), q, path));
            }
            default -> throw unknownPath(path);
        }
    }

    private static void requireMethod(String method, String expected, String path) {
        if (!method.equals(expected)) {
            throw badMethod(method, path);
        }
    }

    private static Reply ok(JsonNode n) {
        return new Reply(200, n);
    }

    // ================================================================= generic collection routing

    private Reply collection(GcpState g, String method, String project, String scopeType, String scope, List<String> r,
                             Map<String, String> q, JsonNode body, String path) {
        String coll = r.get(0);
        String scopePath = GcpState.scopePath(project, scopeType, scope);
        if (coll.equals("machineTypes")) {
            requireMethod(method, "GET", path);
            if (r.size() == 1) {
                return ok(machineTypeList(g, project, scope, q));
            }
            if (r.size() == 2) {
                return ok(machineTypeJson(g, project, scope, r.get(1)));
            }
            throw unknownPath(path);
        }
        if (coll.equals("operations")) {
            if (r.size() == 1) {
                requireMethod(method, "GET", path);
                return ok(operationList(g, scopePath, q));
            }
            Operation op = g.operations.get(scopePath + "/operations/" + r.get(1));
            if (op == null) {
                throw GceException.notFound(scopePath + "/operations/" + r.get(1));
            }
            if (r.size() == 2 && method.equals("GET")) {
                return ok(operationJson(g, op));
            }
            if (r.size() == 2 && method.equals("DELETE")) {
                g.operations.remove(op.path);
                return new Reply(204, null);
            }
            if (r.size() == 3 && r.get(2).equals("wait") && method.equals("POST")) {
                return ok(operationJson(g, op));
            }
            throw unknownPath(path);
        }
        if (r.size() == 1) {
            if (method.equals("GET")) {
                return ok(list(g, scopePath, coll, q));
            }
            if (method.equals("POST")) {
                return insert(g, project, scopeType, scope, coll, q, requireBody(body));
            }
            throw badMethod(method, path);
        }
        String name = r.get(1);
        String resPath = scopePath + "/" + coll + "/" + name;
        Resource res = g.get(resPath);
        if (r.size() == 2) {
            switch (method) {
                case "GET" -> {
                    if (res == null) {
                        throw GceException.notFound(resPath);
                    }
                    return ok(render(g, res));
                }
                case "DELETE" -> {
                    if (res == null) {
                        throw GceException.notFound(resPath);
                    }
                    return delete(g, res, q);
                }
                case "PATCH" -> {
                    if (res == null) {
                        throw GceException.notFound(resPath);
                    }
                    if (!coll.equals("routers")) {
                        throw badMethod(method, path);
                    }
                    return patchRouter(g, res, q, requireBody(body));
                }
                default -> throw badMethod(method, path);
            }
        }
        if (r.size() == 3) {
            if (res == null) {
                throw GceException.notFound(resPath);
            }
            String verb = r.get(2);
            if (coll.equals("instances") && method.equals("POST") && (verb.equals("stop") || verb.equals("start"))) {
                return verb.equals("stop") ? stopInstance(g, res, q) : startInstance(g, res, q);
            }
            if (coll.equals("instances") && method.equals("POST") && verb.equals("setLabels")) {
                return setLabels(g, res, q, requireBody(body));
            }
            if (coll.equals("routers") && method.equals("GET") && verb.equals("getRouterStatus")) {
                return ok(routerStatus(g, res));
            }
        }
        throw unknownPath(path);
    }

    private static ObjectNode requireBody(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GceException(400, "parseError", "Parse Error: the request body must be a JSON object.");
        }
        return (ObjectNode) body;
    }

    private long now() {
        return world.clock().millis();
    }

    // ================================================================= lists and paging

    private record Page(List<Resource> items, String nextPageToken) {
    }

    private Page page(List<Resource> all, Map<String, String> q, Predicate<JsonNode> filter, GcpState g) {
        int max = 500;
        String mr = q.get("maxResults");
        if (mr != null) {
            try {
                max = Integer.parseInt(mr);
            } catch (NumberFormatException e) {
                throw GceException.invalid("maxResults", mr, "Must be an integer.");
            }
            if (max < 0 || max > 500) {
                throw GceException.invalid("maxResults", mr, "Must be between 0 and 500.");
            }
            if (max == 0) {
                max = 500;
            }
        }
        String after = null;
        String token = q.get("pageToken");
        if (token != null && !token.isEmpty()) {
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw GceException.invalid("pageToken", token, "Invalid page token.");
            }
            if (!after.startsWith("projects/")) {
                throw GceException.invalid("pageToken", token, "Invalid page token.");
            }
        }
        List<Resource> out = new ArrayList<>();
        String next = null;
        for (Resource res : all) {
            if (after != null && res.path.compareTo(after) <= 0) {
                continue;
            }
            if (!filter.test(render(g, res))) {
                continue;
            }
            if (out.size() == max) {
                next = Base64.getUrlEncoder().withoutPadding().encodeToString(out.get(out.size() - 1).path.getBytes(StandardCharsets.UTF_8));
                break;
            }
            out.add(res);
        }
        return new Page(out, next);
    }

    private ObjectNode list(GcpState g, String scopePath, String coll, Map<String, String> q) {
        Predicate<JsonNode> filter = GceFilter.parse(q.get("filter"));
        Page p = page(g.list(scopePath + "/" + coll + "/", coll), q, filter, g);
        ObjectNode out = Json.object();
        out.put("kind", KIND.get(coll) + "List");
        out.put("id", scopePath + "/" + coll);
        if (!p.items.isEmpty()) {
            ArrayNode items = out.putArray("items");
            for (Resource r : p.items) {
                items.add(render(g, r));
            }
        }
        out.put("selfLink", g.url(scopePath + "/" + coll));
        if (p.nextPageToken != null) {
            out.put("nextPageToken", p.nextPageToken);
        }
        return out;
    }

    private ObjectNode aggregated(GcpState g, String project, String coll, Map<String, String> q, String path) {
        boolean zonal = coll.equals("instances");
        if (!zonal && !Set.of("vpnTunnels", "subnetworks", "vpnGateways", "routers").contains(coll)) {
            throw unknownPath(path);
        }
        Predicate<JsonNode> filter = GceFilter.parse(q.get("filter"));
        List<String> scopes = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : world.spec().gcp.regions.entrySet()) {
            if (zonal) {
                for (String z : e.getValue()) {
                    scopes.add("zones/" + z);
                }
            } else {
                scopes.add("regions/" + e.getKey());
            }
        }
        List<Resource> all = new ArrayList<>();
        for (Resource r : g.all(project, coll)) {
            String region = r.scopeType.equals("zones") ? zoneRegion(r.scope) : r.scope;
            if (world.outageFor(Cloud.GCP, region) == null) {
                all.add(r);
            }
        }
        Page p = page(all, q, filter, g);
        Map<String, List<Resource>> byScope = new LinkedHashMap<>();
        for (String sc : scopes) {
            byScope.put(sc, new ArrayList<>());
        }
        for (Resource r : p.items) {
            byScope.computeIfAbsent(r.scopeType + "/" + r.scope, k -> new ArrayList<>()).add(r);
        }
        ObjectNode out = Json.object();
        out.put("kind", KIND.get(coll) + "AggregatedList");
        out.put("id", "projects/" + project + "/aggregated/" + coll);
        ObjectNode items = out.putObject("items");
        for (Map.Entry<String, List<Resource>> e : byScope.entrySet()) {
            ObjectNode sc = items.putObject(e.getKey());
            String scopeName = e.getKey().substring(e.getKey().indexOf('/') + 1);
            String region = zonal ? zoneRegion(scopeName) : scopeName;
            if (world.outageFor(Cloud.GCP, region) != null) {
                ObjectNode w = sc.putObject("warning");
                w.put("code", "UNREACHABLE").put("message", "Scope '" + e.getKey() + "' is unreachable.");
                w.putArray("data").addObject().put("key", "scope").put("value", e.getKey());
            } else if (e.getValue().isEmpty()) {
                ObjectNode w = sc.putObject("warning");
                w.put("code", "NO_RESULTS_ON_PAGE").put("message", "There are no results for scope '" + e.getKey() + "' on this page.");
                w.putArray("data").addObject().put("key", "scope").put("value", e.getKey());
            } else {
                ArrayNode arr = sc.putArray(coll);
                for (Resource r : e.getValue()) {
                    arr.add(render(g, r));
                }
            }
        }
        out.put("selfLink", g.url("projects/" + project + "/aggregated/" + coll));
        if (p.nextPageToken != null) {
            out.put("nextPageToken", p.nextPageToken);
        }
        return out;
    }

    // ================================================================= catalogue resources

    private ObjectNode projectJson(GcpState g) {
        ObjectNode p = Json.object();
        p.put("kind", "compute#project").put("id", g.spec().projectNumber).put("name", g.project())
            .put("creationTimestamp", Json.timestamp(0)).put("defaultServiceAccount", g.spec().projectNumber + "-compute@developer.gserviceaccount.com")
            .put("selfLink", g.url("projects/" + g.project())).put("xpnProjectStatus", "UNSPECIFIED_XPN_PROJECT_STATUS");
        p.putObject("commonInstanceMetadata").put("kind", "compute#metadata").put("fingerprint", "c2t5YnJpZGdl");
        return p;
    }

    private ObjectNode zoneJson(GcpState g, String project, String zone) {
        ObjectNode z = Json.object();
        String region = zoneRegion(zone);
        z.put("kind", "compute#zone").put("id", String.valueOf(2000 + Math.abs(zone.hashCode() % 1000))).put("creationTimestamp", Json.timestamp(0))
            .put("name", zone).put("description", zone).put("status", world.outageFor(Cloud.GCP, region) == null ? "UP" : "DOWN")
            .put("region", g.url("projects/" + project + "/regions/" + region)).put("selfLink", g.url("projects/" + project + "/zones/" + zone))
            .put("supportsPzs", false);
        return z;
    }

    private ObjectNode regionJson(GcpState g, String project, String region) {
        ObjectNode r = Json.object();
        r.put("kind", "compute#region").put("id", String.valueOf(1000 + Math.abs(region.hashCode() % 1000))).put("creationTimestamp", Json.timestamp(0))
            .put("name", region).put("description", region).put("status", world.outageFor(Cloud.GCP, region) == null ? "UP" : "DOWN");
        ArrayNode zones = r.putArray("zones");
        for (String z : world.spec().gcp.regions.get(region)) {
            zones.add(g.url("projects/" + project + "/zones/" + z));
        }
        r.put("selfLink", g.url("projects/" + project + "/regions/" + region)).put("supportsPzs", false);
        return r;
    }

    private ObjectNode scopeList(GcpState g, String project, String type, Map<String, String> q) {
        Predicate<JsonNode> filter = GceFilter.parse(q.get("filter"));
        ObjectNode out = Json.object();
        out.put("kind", KIND.get(type) + "List").put("id", "projects/" + project + "/" + type);
        ArrayNode items = out.putArray("items");
        for (Map.Entry<String, List<String>> e : world.spec().gcp.regions.entrySet()) {
            if (type.equals("regions")) {
                ObjectNode r = regionJson(g, project, e.getKey());
                if (filter.test(r)) {
                    items.add(r);
                }
            } else {
                for (String z : e.getValue()) {
                    ObjectNode zj = zoneJson(g, project, z);
                    if (filter.test(zj)) {
                        items.add(zj);
                    }
                }
            }
        }
        out.put("selfLink", g.url("projects/" + project + "/" + type));
        return out;
    }

    private ObjectNode machineTypeJson(GcpState g, String project, String zone, String name) {
        WorldSpec.MachineType mt = g.machineTypes().get(name);
        if (mt == null) {
            throw GceException.notFound("projects/" + project + "/zones/" + zone + "/machineTypes/" + name);
        }
        ObjectNode m = Json.object();
        m.put("kind", "compute#machineType").put("id", String.valueOf(800000 + Math.abs(name.hashCode() % 100000)))
            .put("creationTimestamp", Json.timestamp(0)).put("name", name)
            .put("description", mt.vcpus + " vCPUs, " + (mt.memoryMiB / 1024.0) + " GB RAM")
            .put("guestCpus", mt.vcpus).put("memoryMb", mt.memoryMiB).put("imageSpaceGb", 0)
            .put("maximumPersistentDisks", 128).put("maximumPersistentDisksSizeGb", "263168")
            .put("zone", zone).put("selfLink", g.url("projects/" + project + "/zones/" + zone + "/machineTypes/" + name))
            .put("isSharedCpu", name.startsWith("e2-micro") || name.startsWith("e2-small") || name.startsWith("e2-medium"));
        return m;
    }

    private ObjectNode machineTypeList(GcpState g, String project, String zone, Map<String, String> q) {
        Predicate<JsonNode> filter = GceFilter.parse(q.get("filter"));
        ObjectNode out = Json.object();
        out.put("kind", "compute#machineTypeList").put("id", "projects/" + project + "/zones/" + zone + "/machineTypes");
        ArrayNode items = out.putArray("items");
        for (String name : g.machineTypes().keySet()) {
            ObjectNode m = machineTypeJson(g, project, zone, name);
            if (filter.test(m)) {
                items.add(m);
            }
        }
        out.put("selfLink", g.url("projects/" + project + "/zones/" + zone + "/machineTypes"));
        return out;
    }

    // ================================================================= operations

    private Operation newOperation(GcpState g, String project, String scopeType, String scope, String type, String targetPath,
                                   long targetId, long delayMillis, Runnable onDone) {
        Operation op = new Operation();
        long now = now();
        op.name = "operation-" + now + "-" + UUID.randomUUID().toString().substring(0, 13).replace("-", "");
        op.path = GcpState.scopePath(project, scopeType, scope) + "/operations/" + op.name;
        op.id = g.newId();
        op.project = project;
        op.scopeType = scopeType;
        op.scope = scope;
        op.operationType = type;
        op.targetLink = g.url(targetPath);
        op.targetId = targetId;
        op.insertTime = now;
        op.startTime = now;
        op.doneAt = now + delayMillis;
        op.onDone = onDone;
        g.operations.put(op.path, op);
        g.addPending(op);
        return op;
    }

    private Reply opReply(GcpState g, Operation op, Map<String, String> q) {
        String rid = q.get("requestId");
        if (rid != null && !rid.isEmpty()) {
            g.byRequestId.put(op.project + "/" + rid, op);
        }
        return ok(operationJson(g, op));
    }

    /** Returns the operation already started with this requestId, or null. */
    private Operation priorRequest(GcpState g, String project, Map<String, String> q) {
        String rid = q.get("requestId");
        if (rid == null || rid.isEmpty()) {
            return null;
        }
        if (!UUID_RE.matcher(rid).matches() || rid.equals("00000000-0000-0000-0000-000000000000")) {
            throw GceException.invalid("requestId", rid, "The request ID must be a valid UUID with the exception that zero UUID is not supported.");
        }
        return g.byRequestId.get(project + "/" + rid);
    }

    public Operation operation(String path) {
        return world.locked(() -> world.gcp().operations.get(path));
    }

    public ObjectNode operationJson(String path) {
        return world.locked(() -> {
            GcpState g = world.gcp();
            Operation op = g.operations.get(path);
            return op == null ? null : operationJson(g, op);
        });
    }

    private ObjectNode operationJson(GcpState g, Operation op) {
        ObjectNode o = Json.object();
        o.put("kind", "compute#operation").put("id", Long.toUnsignedString(op.id)).put("name", op.name);
        if (op.scopeType.equals("zones")) {
            o.put("zone", g.url(GcpState.scopePath(op.project, "zones", op.scope)));
        } else if (op.scopeType.equals("regions")) {
            o.put("region", g.url(GcpState.scopePath(op.project, "regions", op.scope)));
        }
        o.put("operationType", op.operationType).put("targetLink", op.targetLink).put("targetId", Long.toUnsignedString(op.targetId))
            .put("status", op.done ? "DONE" : "RUNNING").put("user", "skybridge@emulator.iam.gserviceaccount.com")
            .put("progress", op.done ? 100 : 0).put("insertTime", Json.timestamp(op.insertTime)).put("startTime", Json.timestamp(op.startTime));
        if (op.done) {
            o.put("endTime", Json.timestamp(op.endTime));
            if (op.error != null) {
                o.set("error", op.error);
                if (op.httpErrorStatusCode != null) {
                    o.put("httpErrorStatusCode", op.httpErrorStatusCode).put("httpErrorMessage", op.httpErrorMessage);
                }
            }
        }
        o.put("selfLink", g.url(op.path));
        return o;
    }

    private ObjectNode operationList(GcpState g, String scopePath, Map<String, String> q) {
        Predicate<JsonNode> filter = GceFilter.parse(q.get("filter"));
        ObjectNode out = Json.object();
        out.put("kind", "compute#operationList").put("id", scopePath + "/operations");
        ArrayNode items = out.putArray("items");
        for (Operation op : g.operations.values()) {
            if (op.path.startsWith(scopePath + "/operations/")) {
                ObjectNode o = operationJson(g, op);
                if (filter.test(o)) {
                    items.add(o);
                }
            }
        }
        out.put("selfLink", g.url(scopePath + "/operations"));
        return out;
    }

    // ================================================================= insert / delete dispatch

    private Reply insert(GcpState g, String project, String scopeType, String scope, String coll, Map<String, String> q, ObjectNode body) {
        Operation prior = priorRequest(g, project, q);
        if (prior != null) {
            return ok(operationJson(g, prior));
        }
        String name = body.path("name").asText(null);
        if (name == null || name.isEmpty()) {
            throw GceException.required("resource.name");
        }
        if (!NAME.matcher(name).matches()) {
            throw GceException.invalid("resource.name", name, "Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'");
        }
        String path = GcpState.scopePath(project, scopeType, scope) + "/" + coll + "/" + name;
        if (g.get(path) != null) {
            throw GceException.alreadyExists(path);
        }
        return switch (coll) {
            case "instances" -> insertInstance(g, project, scope, name, path, q, body);
            case "vpnGateways" -> insertSimple(g, project, scopeType, scope, coll, name, q, vpnGatewayBody(g, project, scope, body));
            case "externalVpnGateways" -> insertSimple(g, project, scopeType, scope, coll, name, q, externalGatewayBody(body));
            case "vpnTunnels" -> insertTunnel(g, project, scope, name, q, body);
            case "routers" -> insertSimple(g, project, scopeType, scope, coll, name, q, routerBody(g, project, scope, name, body));
            case "firewalls" -> insertSimple(g, project, scopeType, scope, coll, name, q, firewallBody(g, project, body));
            case "networks" -> insertSimple(g, project, scopeType, scope, coll, name, q, networkBody(body));
            case "subnetworks" -> insertSubnetwork(g, project, scope, name, q, body);
            default -> throw unknownPath(path);
        };
    }

    private Reply insertSimple(GcpState g, String project, String scopeType, String scope, String coll, String name,
                               Map<String, String> q, ObjectNode json) {
        long now = now();
        json.remove("name");
        json.remove("kind");
        json.remove("id");
        json.remove("selfLink");
        json.remove("creationTimestamp");
        json.remove("region");
        json.remove("zone");
        Resource r = g.create(coll, project, scopeType, scope, name, json, KIND.get(coll), now);
        world.events().record("gcp", scopeType.equals("regions") ? scope : null, coll + ".inserted", name);
        Operation op = newOperation(g, project, scopeType, scope, "insert", r.path, r.id, 0, null);
        return opReply(g, op, q);
    }

    private Reply delete(GcpState g, Resource res, Map<String, String> q) {
        Operation prior = priorRequest(g, res.project, q);
        if (prior != null) {
            return ok(operationJson(g, prior));
        }
        if (res.collection.equals("instances")) {
            return deleteInstance(g, res, q);
        }
        String inUse = usedBy(g, res);
        if (inUse != null) {
            throw new GceException(400, "resourceInUseByAnotherResource", "The " + singular(res.collection) + " resource '" + res.path
                + "' is already being used by '" + inUse + "'");
        }
        g.remove(res);
        if (res.collection.equals("subnetworks")) {
            g.subnetPools.remove(res.path);
        }
        if (res.collection.equals("vpnGateways")) {
            for (JsonNode i : res.json.path("vpnInterfaces")) {
                g.publicIps.release(i.path("ipAddress").asText(null));
            }
        }
        world.events().record("gcp", res.scopeType.equals("regions") ? res.scope : null, res.collection + ".deleted", res.name);
        Operation op = newOperation(g, res.project, res.scopeType, res.scope, "delete", res.path, res.id, 0, null);
        return opReply(g, op, q);
    }

    private static String singular(String coll) {
        return coll.endsWith("s") ? coll.substring(0, coll.length() - 1) : coll;
    }

    /** Path of a resource that references {@code res}, or null. */
    private String usedBy(GcpState g, Resource res) {
        String link = res.json.path("selfLink").asText();
        for (Resource other : g.resources.values()) {
            if (other == res || (other.collection.equals("instances") && !res.collection.equals("subnetworks") && !res.collection.equals("networks"))) {
                continue;
            }
            // as in Compute Engine, a Cloud Router interface linked to a tunnel does not keep the tunnel alive
            boolean routerLinksTunnel = other.collection.equals("routers") && res.collection.equals("vpnTunnels");
            if (!routerLinksTunnel && other.json.toString().contains("\"" + link + "\"")) {
                return other.path;
            }
            for (Object v : other.hidden.values()) {
                if (res.path.equals(v)) {
                    return other.path;
                }
            }
        }
        return null;
    }

    // ================================================================= references

    /**
     * Normalises a reference (full URL, {@code projects/...} path, scope-relative path or bare name) to a
     * canonical {@code projects/...} path.
     */
    private String ref(String value, String project, String scopeType, String scope, String coll, String field) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String v = value;
        int i = v.indexOf("/projects/");
        if (v.startsWith("http://") || v.startsWith("https://")) {
            if (i < 0) {
                throw GceException.invalid(field, value, "The URL is malformed.");
            }
            v = v.substring(i + 1);
        }
        if (v.startsWith("projects/")) {
            String[] parts = v.split("/");
            if (parts.length >= 2 && parts[1].equals(world.spec().gcp.projectNumber)) {
                parts[1] = project;
                v = String.join("/", parts);
            }
            return v;
        }
        if (v.startsWith("global/") || v.startsWith("regions/") || v.startsWith("zones/")) {
            return "projects/" + project + "/" + v;
        }
        if (v.contains("/")) {
            throw GceException.invalid(field, value, "The URL is malformed.");
        }
        return GcpState.scopePath(project, scopeType, scope) + "/" + coll + "/" + v;
    }

    private Resource requireRef(GcpState g, String value, String project, String scopeType, String scope, String coll, String field) {
        String p = ref(value, project, scopeType, scope, coll, field);
        if (p == null) {
            throw GceException.required(field);
        }
        Resource r = g.get(p);
        if (r == null || !r.collection.equals(coll)) {
            throw new GceException(404, "notFound", "The resource '" + p + "' was not found");
        }
        return r;
    }

    // ================================================================= instances

    private Reply insertInstance(GcpState g, String project, String zone, String name, String path, Map<String, String> q, ObjectNode body) {
        String region = zoneRegion(zone);
        String mtRef = body.path("machineType").asText(null);
        if (mtRef == null) {
            throw GceException.required("resource.machineType");
        }
        String mtPath = ref(mtRef, project, "zones", zone, "machineTypes", "resource.machineType");
        String mtName = mtPath.substring(mtPath.lastIndexOf('/') + 1);
        if (!mtPath.equals("projects/" + project + "/zones/" + zone + "/machineTypes/" + mtName) || !g.machineTypes().containsKey(mtName)) {
            throw GceException.invalid("resource.machineType", mtRef, "Machine type with name '" + mtName + "' does not exist in zone '" + zone + "'.");
        }
        WorldSpec.MachineType mt = g.machineTypes().get(mtName);
        JsonNode disks = body.path("disks");
        if (!disks.isArray() || disks.isEmpty()) {
            throw GceException.invalid("resource.disks", "", "At least one boot disk must be specified.");
        }
        JsonNode labels = body.path("labels");
        validateLabels(labels);
        // network interfaces
        JsonNode nicsIn = body.path("networkInterfaces");
        if (!nicsIn.isArray() || nicsIn.isEmpty()) {
            nicsIn = Json.MAPPER.createArrayNode().add(Json.object().put("network", "global/networks/default"));
        }
        List<IpPool> pools = new ArrayList<>();
        ArrayNode nics = Json.MAPPER.createArrayNode();
        int idx = 0;
        for (JsonNode nicIn : nicsIn) {
            String field = "resource.networkInterfaces[" + idx + "]";
            Resource subnet = null;
            Resource net = null;
            if (nicIn.hasNonNull("subnetwork")) {
                subnet = requireRef(g, nicIn.get("subnetwork").asText(), project, "regions", region, "subnetworks", field + ".subnetwork");
                if (!region.equals(subnet.scope)) {
                    throw GceException.invalid(field + ".subnetwork", nicIn.get("subnetwork").asText(),
                        "Subnetwork must be in the same region as the instance (" + region + ").");
                }
                net = g.get(ref(subnet.json.get("network").asText(), project, "global", null, "networks", field + ".network"));
                if (nicIn.hasNonNull("network")) {
                    Resource given = requireRef(g, nicIn.get("network").asText(), project, "global", null, "networks", field + ".network");
                    if (given != net) {
                        throw GceException.invalid(field + ".network", nicIn.get("network").asText(), "The subnetwork belongs to a different network.");
                    }
                }
            } else {
                String netRef = nicIn.hasNonNull("network") ? nicIn.get("network").asText() : "global/networks/default";
                net = requireRef(g, netRef, project, "global", null, "networks", field + ".network");
                for (Resource s : g.list("projects/" + project + "/regions/" + region + "/subnetworks/", "subnetworks")) {
                    if (s.json.path("network").asText().equals(net.json.get("selfLink").asText())) {
                        subnet = s;
                        break;
                    }
                }
                if (subnet == null) {
                    throw GceException.invalid(field + ".subnetwork", "", "Network '" + net.name + "' has no subnetwork in region " + region + ".");
                }
            }
            IpPool pool = g.subnetPools.get(subnet.path);
            if (pool.free() <= pools.stream().filter(p -> p == pool).count()) {
                throw new GceException(400, "ipSpaceExhausted", "IP space of '" + subnet.path + "' is exhausted.");
            }
            pools.add(pool);
            ObjectNode nic = Json.object();
            nic.put("kind", "compute#networkInterface");
            nic.put("network", net.json.get("selfLink").asText());
            nic.put("subnetwork", subnet.json.get("selfLink").asText());
            nic.put("name", "nic" + idx);
            nic.put("fingerprint", fingerprint(name + idx));
            nic.put("stackType", "IPV4_ONLY");
            JsonNode acIn = nicIn.path("accessConfigs");
            if (acIn.isArray() && !acIn.isEmpty()) {
                ArrayNode acs = nic.putArray("accessConfigs");
                for (JsonNode a : acIn) {
                    ObjectNode ac = Json.object();
                    ac.put("kind", "compute#accessConfig");
                    ac.put("type", a.path("type").asText("ONE_TO_ONE_NAT"));
                    ac.put("name", a.path("name").asText("External NAT"));
                    if (a.hasNonNull("natIP")) {
                        ac.put("natIP", a.get("natIP").asText());
                    }
                    ac.put("networkTier", a.path("networkTier").asText("PREMIUM"));
                    acs.add(ac);
                }
            }
            nics.add(nic);
            idx++;
        }
        Operation prior = null;
        if (world.rollQuotaFailure(Cloud.GCP)) {
            world.events().record("gcp", region, "fault.quota", name, "operation", "instances.insert", "machineType", mtName);
            Operation op = newOperation(g, project, "zones", zone, "insert", path, g.newId(), 0, null);
            ObjectNode err = Json.object();
            err.putArray("errors").addObject().put("code", "QUOTA_EXCEEDED")
                .put("message", "Quota 'CPUS' exceeded.  Limit: 0.0 in region " + region + ".");
            op.error = err;
            op.httpErrorStatusCode = 403;
            op.httpErrorMessage = "FORBIDDEN";
            return opReply(g, op, q);
        }
        if (world.rollCapacityFailure(Cloud.GCP, zone)) {
            world.events().record("gcp", region, "fault.capacity", name, "operation", "instances.insert", "machineType", mtName,
                "zone", zone);
            Operation op = newOperation(g, project, "zones", zone, "insert", path, g.newId(), 0, null);
            ObjectNode err = Json.object();
            err.putArray("errors").addObject().put("code", "ZONE_RESOURCE_POOL_EXHAUSTED")
                .put("message", "The zone '" + "projects/" + project + "/zones/" + zone + "' does not have enough resources available to fulfill the request.  Try a different zone, or try again later.");
            op.error = err;
            op.httpErrorStatusCode = 503;
            op.httpErrorMessage = "SERVICE UNAVAILABLE";
            return opReply(g, op, q);
        }
        long now = now();
        // allocate addresses now that nothing can fail any more
        for (int n = 0; n < nics.size(); n++) {
            ObjectNode nic = (ObjectNode) nics.get(n);
            nic.put("networkIP", pools.get(n).allocate());
            for (JsonNode ac : nic.path("accessConfigs")) {
                if (!ac.hasNonNull("natIP") && "ONE_TO_ONE_NAT".equals(ac.path("type").asText())) {
                    ((ObjectNode) ac).put("natIP", g.publicIps.allocate());
                }
            }
        }
        ObjectNode json = Json.object();
        if (body.hasNonNull("description")) {
            json.put("description", body.get("description").asText());
        }
        ObjectNode tags = json.putObject("tags");
        if (body.path("tags").path("items").isArray()) {
            tags.set("items", body.path("tags").path("items"));
        }
        tags.put("fingerprint", fingerprint(tags.toString()));
        json.put("machineType", g.url("projects/" + project + "/zones/" + zone + "/machineTypes/" + mtName));
        json.put("status", "PROVISIONING");
        json.set("networkInterfaces", nics);
        ArrayNode dks = json.putArray("disks");
        int di = 0;
        for (JsonNode d : disks) {
            ObjectNode dk = Json.object();
            String dname = d.path("deviceName").asText(di == 0 ? name : name + "-" + di);
            dk.put("kind", "compute#attachedDisk").put("type", d.path("type").asText("PERSISTENT")).put("mode", d.path("mode").asText("READ_WRITE"))
                .put("source", g.url("projects/" + project + "/zones/" + zone + "/disks/" + d.path("initializeParams").path("diskName").asText(dname)))
                .put("deviceName", dname).put("index", di).put("boot", d.path("boot").asBoolean(di == 0))
                .put("autoDelete", d.path("autoDelete").asBoolean(true)).put("interface", d.path("interface").asText("SCSI"))
                .put("diskSizeGb", d.path("initializeParams").path("diskSizeGb").asText("10"));
            dks.add(dk);
            di++;
        }
        ObjectNode md = json.putObject("metadata");
        md.put("kind", "compute#metadata");
        if (body.path("metadata").path("items").isArray()) {
            md.set("items", body.path("metadata").path("items"));
        }
        md.put("fingerprint", fingerprint(md.toString()));
        if (body.path("serviceAccounts").isArray()) {
            ArrayNode sas = body.get("serviceAccounts").deepCopy();
            for (JsonNode sa : sas) {
                if ("default".equals(sa.path("email").asText())) {
                    ((ObjectNode) sa).put("email", g.spec().projectNumber + "-compute@developer.gserviceaccount.com");
                }
            }
            json.set("serviceAccounts", sas);
        }
        json.putObject("scheduling").put("onHostMaintenance", "MIGRATE").put("automaticRestart", true).put("preemptible", false)
            .put("provisioningModel", "STANDARD");
        json.put("cpuPlatform", "Intel Cascade Lake");
        if (labels.isObject()) {
            json.set("labels", labels);
        }
        json.put("labelFingerprint", fingerprint(labels.toString()));
        json.put("startRestricted", false).put("deletionProtection", false).put("canIpForward", body.path("canIpForward").asBoolean(false));
        json.put("fingerprint", fingerprint(name + now));
        json.put("guestCpus", mt.vcpus);
        json.put("memoryMb", mt.memoryMiB);
        Resource r = g.create("instances", project, "zones", zone, name, json, "compute#instance", now);
        r.json.remove("guestCpus");
        r.json.remove("memoryMb");
        long boot = world.bootDelayMillis();
        r.hidden.put("stagingAt", now + boot / 2);
        if (world.neverJoin(Cloud.GCP) || "true".equalsIgnoreCase(labels.path(NEVER_JOIN_LABEL).asText(null))) {
            r.hidden.put(NEVER_JOIN_LABEL, Boolean.TRUE);
        }
        world.events().record("gcp", region, "instance.inserted", name, "zone", zone, "machineType", mtName,
            "networkIP", nics.get(0).path("networkIP").asText());
        Operation op = newOperation(g, project, "zones", zone, "insert", path, r.id, boot, () -> {
            if (g.get(path) == r && Set.of("PROVISIONING", "STAGING").contains(r.json.path("status").asText())) {
                setStatus(r, "RUNNING");
                r.json.put("lastStartTimestamp", Json.timestamp(now()));
            }
        });
        return opReply(g, op, q);
    }

    private void validateLabels(JsonNode labels) {
        if (labels.isMissingNode() || labels.isNull()) {
            return;
        }
        if (!labels.isObject()) {
            throw GceException.invalid("resource.labels", labels.toString(), "Labels must be a map.");
        }
        if (labels.size() > 64) {
            throw GceException.invalid("resource.labels", "", "At most 64 labels.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!LABEL_KEY.matcher(e.getKey()).matches()) {
                throw GceException.invalid("labels", e.getKey(), "Label keys must start with a lowercase letter and contain only lowercase letters, digits, '_' and '-'.");
            }
            if (!e.getValue().isTextual() || !LABEL_VALUE.matcher(e.getValue().asText()).matches()) {
                throw GceException.invalid("labels", e.getValue().asText(), "Label values may contain only lowercase letters, digits, '_' and '-'.");
            }
        }
    }

    private void setStatus(Resource r, String status) {
        String prev = r.json.path("status").asText(null);
        if (!status.equals(prev)) {
            r.json.put("status", status);
            world.events().record("gcp", zoneRegion(r.scope), "instance.status", r.name, "from", prev, "to", status);
        }
    }

    private ObjectNode render(GcpState g, Resource r) {
        if (r.collection.equals("instances")) {
            Object stagingAt = r.hidden.get("stagingAt");
            if (stagingAt != null && "PROVISIONING".equals(r.json.path("status").asText()) && now() >= (Long) stagingAt) {
                setStatus(r, "STAGING");
            }
        }
        if (r.collection.equals("vpnTunnels") && !r.json.has("status")) {
            world.advance();
        }
        return r.json;
    }

    private Reply deleteInstance(GcpState g, Resource r, Map<String, String> q) {
        if (!"STOPPING".equals(r.json.path("status").asText()) || r.hidden.get("deleting") == null) {
            setStatus(r, "STOPPING");
        }
        r.hidden.put("deleting", Boolean.TRUE);
        Operation op = newOperation(g, r.project, "zones", r.scope, "delete", r.path, r.id, world.shutdownDelayMillis(), () -> {
            if (g.get(r.path) == r) {
                g.remove(r);
                releaseAddresses(g, r);
                world.events().record("gcp", zoneRegion(r.scope), "instance.deleted", r.name);
            }
        });
        return opReply(g, op, q);
    }

    private void releaseAddresses(GcpState g, Resource r) {
        for (JsonNode nic : r.json.path("networkInterfaces")) {
            String sub = ref(nic.path("subnetwork").asText(), r.project, "regions", zoneRegion(r.scope), "subnetworks", "subnetwork");
            IpPool pool = g.subnetPools.get(sub);
            if (pool != null) {
                pool.release(nic.path("networkIP").asText(null));
            }
            for (JsonNode ac : nic.path("accessConfigs")) {
                g.publicIps.release(ac.path("natIP").asText(null));
            }
        }
    }

    private Reply stopInstance(GcpState g, Resource r, Map<String, String> q) {
        Operation prior = priorRequest(g, r.project, q);
        if (prior != null) {
            return ok(operationJson(g, prior));
        }
        if (r.hidden.get("deleting") != null) {
            throw new GceException(400, "resourceNotReady", "The resource '" + r.path + "' is not ready");
        }
        String status = r.json.path("status").asText();
        if (!status.equals("TERMINATED")) {
            setStatus(r, "STOPPING");
        }
        Operation op = newOperation(g, r.project, "zones", r.scope, "stop", r.path, r.id, world.shutdownDelayMillis(), () -> {
            if (g.get(r.path) == r && "STOPPING".equals(r.json.path("status").asText())) {
                setStatus(r, "TERMINATED");
                r.json.put("lastStopTimestamp", Json.timestamp(now()));
            }
        });
        return opReply(g, op, q);
    }

    private Reply startInstance(GcpState g, Resource r, Map<String, String> q) {
        Operation prior = priorRequest(g, r.project, q);
        if (prior != null) {
            return ok(operationJson(g, prior));
        }
        String status = r.json.path("status").asText();
        if (status.equals("STOPPING") || r.hidden.get("deleting") != null) {
            throw new GceException(400, "resourceNotReady", "The resource '" + r.path + "' is not ready");
        }
        if (status.equals("TERMINATED")) {
            setStatus(r, "STAGING");
        }
        Operation op = newOperation(g, r.project, "zones", r.scope, "start", r.path, r.id, world.bootDelayMillis(), () -> {
            if (g.get(r.path) == r && "STAGING".equals(r.json.path("status").asText())) {
                setStatus(r, "RUNNING");
                r.json.put("lastStartTimestamp", Json.timestamp(now()));
            }
        });
        return opReply(g, op, q);
    }

    private Reply setLabels(GcpState g, Resource r, Map<String, String> q, ObjectNode body) {
        Operation prior = priorRequest(g, r.project, q);
        if (prior != null) {
            return ok(operationJson(g, prior));
        }
        String fp = body.path("labelFingerprint").asText(null);
        if (fp == null) {
            throw GceException.required("labelFingerprint");
        }
        if (!fp.equals(r.json.path("labelFingerprint").asText())) {
            throw new GceException(412, "conditionNotMet", "Labels fingerprint either invalid or resource labels have changed");
        }
        JsonNode labels = body.path("labels");
        validateLabels(labels);
        r.json.set("labels", labels.isObject() ? labels : Json.object());
        r.json.put("labelFingerprint", fingerprint(labels.toString()));
        Operation op = newOperation(g, r.project, "zones", r.scope, "setLabels", r.path, r.id, 0, null);
        return opReply(g, op, q);
    }

    private static String fingerprint(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(d, 8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ================================================================= networks

    private ObjectNode networkBody(ObjectNode body) {
        if (body.path("autoCreateSubnetworks").asBoolean(true)) {
            throw GceException.invalid("resource.autoCreateSubnetworks", "true", "Auto-mode networks are not supported by this emulator; create a custom-mode network.");
        }
        ObjectNode json = body.deepCopy();
        json.put("autoCreateSubnetworks", false);
        json.putArray("subnetworks");
        if (!json.has("routingConfig")) {
            json.putObject("routingConfig").put("routingMode", "REGIONAL");
        }
        json.put("mtu", json.path("mtu").asInt(1460));
        return json;
    }

    private Reply insertSubnetwork(GcpState g, String project, String region, String name, Map<String, String> q, ObjectNode body) {
        Resource net = requireRef(g, body.path("network").asText(null), project, "global", null, "networks", "resource.network");
        String range = body.path("ipCidrRange").asText(null);
        if (range == null) {
            throw GceException.required("resource.ipCidrRange");
        }
        Cidr c;
        try {
            c = Cidr.parse(range);
        } catch (IllegalArgumentException e) {
            throw GceException.invalid("resource.ipCidrRange", range, "Invalid IPCidrRange.");
        }
        for (Resource s : g.all(project, "subnetworks")) {
            if (s.json.path("network").asText().equals(net.json.get("selfLink").asText()) && Cidr.parse(s.json.get("ipCidrRange").asText()).overlaps(c)) {
                throw GceException.invalid("resource.ipCidrRange", range, "Invalid IPCidrRange: " + range + " conflicts with existing subnetwork '" + s.name + "'.");
            }
        }
        ObjectNode json = body.deepCopy();
        json.put("network", net.json.get("selfLink").asText());
        json.put("gatewayAddress", Cidr.format(c.base() + 1));
        json.put("stackType", "IPV4_ONLY").put("purpose", "PRIVATE").put("fingerprint", fingerprint(name));
        Reply reply = insertSimple(g, project, "regions", region, "subnetworks", name, q, json);
        Resource sr = g.get(GcpState.scopePath(project, "regions", region) + "/subnetworks/" + name);
        g.subnetPools.put(sr.path, new IpPool(c, 2));
        ((ArrayNode) net.json.withArray("subnetworks")).add(sr.json.get("selfLink").asText());
        return reply;
    }

    private ObjectNode firewallBody(GcpState g, String project, ObjectNode body) {
        String netRef = body.hasNonNull("network") ? body.get("network").asText() : "global/networks/default";
        Resource net = requireRef(g, netRef, project, "global", null, "networks", "resource.network");
        boolean allowed = body.path("allowed").isArray() && !body.path("allowed").isEmpty();
        boolean denied = body.path("denied").isArray() && !body.path("denied").isEmpty();
        if (allowed == denied) {
            throw GceException.invalid("resource.allowed", "", "Exactly one of 'allowed' or 'denied' must be specified.");
        }
        for (JsonNode rule : body.path(allowed ? "allowed" : "denied")) {
            String proto = rule.path("IPProtocol").asText(null);
            if (proto == null) {
                throw GceException.required("resource." + (allowed ? "allowed" : "denied") + "[].IPProtocol");
            }
            if (!Set.of("tcp", "udp", "icmp", "esp", "ah", "sctp", "ipip", "all").contains(proto) && !proto.matches("\\d{1,3}")) {
                throw GceException.invalid("resource.allowed[].IPProtocol", proto, "Unknown protocol.");
            }
            for (JsonNode port : rule.path("ports")) {
                if (!port.asText().matches("\\d{1,5}(-\\d{1,5})?")) {
                    throw GceException.invalid("resource.allowed[].ports", port.asText(), "Ports must be a number or a range.");
                }
            }
        }
        String direction = body.path("direction").asText("INGRESS");
        if (!direction.equals("INGRESS") && !direction.equals("EGRESS")) {
            throw GceException.invalid("resource.direction", direction, "Must be INGRESS or EGRESS.");
        }
        for (JsonNode r : body.path("sourceRanges")) {
            try {
                String v = r.asText();
                Cidr.parse(v.contains("/") ? v : v + "/32");
            } catch (IllegalArgumentException e) {
                throw GceException.invalid("resource.sourceRanges", r.asText(), "Invalid IPV4 CIDR.");
            }
        }
        ObjectNode json = body.deepCopy();
        json.put("network", net.json.get("selfLink").asText());
        json.put("direction", direction);
        json.put("priority", body.path("priority").asInt(1000));
        if (direction.equals("INGRESS") && !json.has("sourceRanges") && !json.has("sourceTags")) {
            json.putArray("sourceRanges").add("0.0.0.0/0");
        }
        json.put("disabled", body.path("disabled").asBoolean(false));
        json.putObject("logConfig").put("enable", false);
        return json;
    }

    // ================================================================= VPN

    private ObjectNode vpnGatewayBody(GcpState g, String project, String region, ObjectNode body) {
        Resource net = requireRef(g, body.path("network").asText(null), project, "global", null, "networks", "resource.network");
        ObjectNode json = body.deepCopy();
        json.put("network", net.json.get("selfLink").asText());
        ArrayNode ifs = json.putArray("vpnInterfaces");
        for (int i = 0; i < 2; i++) {
            ifs.addObject().put("id", i).put("ipAddress", g.publicIps.allocate());
        }
        json.put("stackType", body.path("stackType").asText("IPV4_ONLY"));
        json.put("labelFingerprint", fingerprint(body.path("labels").toString()));
        return json;
    }

    private ObjectNode externalGatewayBody(ObjectNode body) {
        String red = body.path("redundancyType").asText(null);
        Map<String, Integer> counts = Map.of("SINGLE_IP_INTERNALLY_REDUNDANT", 1, "TWO_IPS_REDUNDANCY", 2, "FOUR_IPS_REDUNDANCY", 4);
        if (red == null) {
            throw GceException.required("resource.redundancyType");
        }
        Integer count = counts.get(red);
        if (count == null) {
            throw GceException.invalid("resource.redundancyType", red, "Must be one of " + counts.keySet() + ".");
        }
        JsonNode ifs = body.path("interfaces");
        if (!ifs.isArray() || ifs.size() != count) {
            throw GceException.invalid("resource.interfaces", ifs.toString(), red + " needs exactly " + count + " interfaces.");
        }
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (JsonNode i : ifs) {
            int id = i.path("id").asInt(-1);
            if (id < 0 || id >= count || !ids.add(id)) {
                throw GceException.invalid("resource.interfaces[].id", i.path("id").asText(), "Interface ids must be distinct, from 0 to " + (count - 1) + ".");
            }
            if (!Cidr.isIp(i.path("ipAddress").asText(""))) {
                throw GceException.invalid("resource.interfaces[].ipAddress", i.path("ipAddress").asText(), "Must be an IPv4 address.");
            }
        }
        ObjectNode json = body.deepCopy();
        json.put("labelFingerprint", fingerprint(body.path("labels").toString()));
        return json;
    }

    private Reply insertTunnel(GcpState g, String project, String region, String name, Map<String, String> q, ObjectNode body) {
        String secret = body.path("sharedSecret").asText(null);
        if (secret == null || secret.isEmpty()) {
            throw GceException.required("resource.sharedSecret");
        }
        ObjectNode json = body.deepCopy();
        Map<String, Object> hidden = new LinkedHashMap<>();
        hidden.put("sharedSecret", secret);
        if (body.hasNonNull("vpnGateway")) {
            Resource gw = requireRef(g, body.get("vpnGateway").asText(), project, "regions", region, "vpnGateways", "resource.vpnGateway");
            if (!region.equals(gw.scope)) {
                throw GceException.invalid("resource.vpnGateway", body.get("vpnGateway").asText(), "The VPN gateway must be in region " + region + ".");
            }
            int iface = body.path("vpnGatewayInterface").asInt(0);
            if (iface < 0 || iface > 1) {
                throw GceException.invalid("resource.vpnGatewayInterface", String.valueOf(iface), "Must be 0 or 1.");
            }
            json.put("vpnGateway", gw.json.get("selfLink").asText());
            json.put("vpnGatewayInterface", iface);
            hidden.put("vpnGateway", gw.path);
            hidden.put("vpnGatewayInterface", iface);
            if (!body.hasNonNull("router")) {
                throw GceException.required("resource.router");
            }
        }
        if (body.hasNonNull("peerExternalGateway")) {
            Resource peer = requireRef(g, body.get("peerExternalGateway").asText(), project, "global", null, "externalVpnGateways", "resource.peerExternalGateway");
            int iface = body.path("peerExternalGatewayInterface").asInt(0);
            if (iface < 0 || iface >= peer.json.path("interfaces").size()) {
                throw GceException.invalid("resource.peerExternalGatewayInterface", String.valueOf(iface),
                    "The peer gateway has " + peer.json.path("interfaces").size() + " interfaces.");
            }
            json.put("peerExternalGateway", peer.json.get("selfLink").asText());
            json.put("peerExternalGatewayInterface", iface);
            hidden.put("peerExternalGateway", peer.path);
            hidden.put("peerExternalGatewayInterface", iface);
            for (JsonNode i : peer.json.path("interfaces")) {
                if (i.path("id").asInt() == iface) {
                    json.put("peerIp", i.path("ipAddress").asText());
                }
            }
        } else if (body.hasNonNull("peerIp")) {
            String ip = body.get("peerIp").asText();
            if (!Cidr.isIp(ip)) {
                throw GceException.invalid("resource.peerIp", ip, "Must be an IPv4 address.");
            }
            hidden.put("peerIp", ip);
        } else {
            throw GceException.required("resource.peerExternalGateway");
        }
        if (body.hasNonNull("router")) {
            Resource router = requireRef(g, body.get("router").asText(), project, "regions", region, "routers", "resource.router");
            json.put("router", router.json.get("selfLink").asText());
        }
        int ike = body.path("ikeVersion").asInt(2);
        if (ike != 1 && ike != 2) {
            throw GceException.invalid("resource.ikeVersion", String.valueOf(ike), "Must be 1 or 2.");
        }
        json.put("ikeVersion", ike);
        json.put("sharedSecret", "*************");
        json.put("sharedSecretHash", fingerprint(secret));
        json.put("labelFingerprint", fingerprint(body.path("labels").toString()));
        Reply reply = insertSimple(g, project, "regions", region, "vpnTunnels", name, q, json);
        Resource t = g.get(GcpState.scopePath(project, "regions", region) + "/vpnTunnels/" + name);
        t.hidden.putAll(hidden);
        t.json.put("status", "FIRST_HANDSHAKE");
        t.json.put("detailedStatus", "Handshake in progress.");
        return reply;
    }

    // ================================================================= routers

    private ObjectNode routerBody(GcpState g, String project, String region, String name, ObjectNode body) {
        Resource net = requireRef(g, body.path("network").asText(null), project, "global", null, "networks", "resource.network");
        ObjectNode json = body.deepCopy();
        json.put("network", net.json.get("selfLink").asText());
        validateRouter(g, project, region, json);
        return json;
    }

    private void validateRouter(GcpState g, String project, String region, ObjectNode json) {
        JsonNode bgp = json.path("bgp");
        if (bgp.isObject() && bgp.has("asn")) {
            long asn = bgp.get("asn").asLong();
            if (!((asn >= 64512 && asn <= 65534) || (asn >= 4200000000L && asn <= 4294967294L))) {
                throw GceException.invalid("resource.bgp.asn", String.valueOf(asn), "The ASN must be a private ASN (64512-65534 or 4200000000-4294967294).");
            }
        }
        java.util.Set<String> ifNames = new java.util.HashSet<>();
        for (JsonNode i : json.path("interfaces")) {
            String n = i.path("name").asText(null);
            if (n == null || !ifNames.add(n)) {
                throw GceException.invalid("resource.interfaces[].name", n, "Interface names must be present and unique.");
            }
            if (i.hasNonNull("linkedVpnTunnel")) {
                Resource t = requireRef(g, i.get("linkedVpnTunnel").asText(), project, "regions", region, "vpnTunnels", "resource.interfaces[].linkedVpnTunnel");
                ((ObjectNode) i).put("linkedVpnTunnel", t.json.get("selfLink").asText());
            }
            if (i.hasNonNull("ipRange")) {
                try {
                    String[] parts = i.get("ipRange").asText().split("/");
                    Cidr.parseIp(parts[0]);
                    if (parts.length != 2) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException e) {
                    throw GceException.invalid("resource.interfaces[].ipRange", i.get("ipRange").asText(), "Must be an address with a prefix length, e.g. 169.254.0.2/30.");
                }
            }
        }
        java.util.Set<String> peerNames = new java.util.HashSet<>();
        for (JsonNode p : json.path("bgpPeers")) {
            String n = p.path("name").asText(null);
            if (n == null || !peerNames.add(n)) {
                throw GceException.invalid("resource.bgpPeers[].name", n, "BGP peer names must be present and unique.");
            }
            String iface = p.path("interfaceName").asText(null);
            if (iface == null || !ifNames.contains(iface)) {
                throw GceException.invalid("resource.bgpPeers[].interfaceName", iface, "BGP peer must reference an interface of this router.");
            }
            if (!p.hasNonNull("peerAsn")) {
                throw GceException.required("resource.bgpPeers[].peerAsn");
            }
            if (p.hasNonNull("peerIpAddress") && !Cidr.isIp(p.get("peerIpAddress").asText())) {
                throw GceException.invalid("resource.bgpPeers[].peerIpAddress", p.get("peerIpAddress").asText(), "Must be an IPv4 address.");
            }
            if (!p.hasNonNull("ipAddress")) {
                for (JsonNode i : json.path("interfaces")) {
                    if (i.path("name").asText().equals(iface) && i.hasNonNull("ipRange")) {
                        ((ObjectNode) p).put("ipAddress", i.get("ipRange").asText().split("/")[0]);
                    }
                }
            }
        }
    }

    private Reply patchRouter(GcpState g, Resource r, Map<String, String> q, ObjectNode body) {
        Operation prior = priorRequest(g, r.project, q);
        if (prior != null) {
            return ok(operationJson(g, prior));
        }
        ObjectNode merged = r.json.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (Set.of("kind", "id", "selfLink", "creationTimestamp", "region", "name").contains(e.getKey())) {
                continue;
            }
            if (e.getKey().equals("network") && !e.getValue().asText().equals(r.json.path("network").asText())
                && !ref(e.getValue().asText(), r.project, "global", null, "networks", "resource.network")
                .equals(ref(r.json.path("network").asText(), r.project, "global", null, "networks", "network"))) {
                throw GceException.invalid("resource.network", e.getValue().asText(), "A router's network cannot be changed.");
            }
            if (e.getValue().isNull()) {
                merged.remove(e.getKey());
            } else if (e.getKey().equals("network")) {
                continue;
            } else {
                merged.set(e.getKey(), e.getValue());
            }
        }
        validateRouter(g, r.project, r.scope, merged);
        r.json.removeAll();
        r.json.setAll(merged);
        world.events().record("gcp", r.scope, "routers.patched", r.name);
        Operation op = newOperation(g, r.project, "regions", r.scope, "patch", r.path, r.id, 0, null);
        return opReply(g, op, q);
    }

    private ObjectNode routerStatus(GcpState g, Resource r) {
        ObjectNode out = Json.object();
        out.put("kind", "compute#routerStatusResponse");
        ObjectNode res = out.putObject("result");
        res.put("network", r.json.path("network").asText());
        ArrayNode best = res.putArray("bestRoutes");
        ArrayNode bestForRouter = res.putArray("bestRoutesForRouter");
        ArrayNode peers = res.putArray("bgpPeerStatus");
        List<String> advertised = new ArrayList<>();
        for (Resource s : g.all(r.project, "subnetworks")) {
            if (s.json.path("network").asText().equals(r.json.path("network").asText())) {
                advertised.add(s.json.path("ipCidrRange").asText());
            }
        }
        AwsState aws = world.aws();
        for (JsonNode p : r.json.path("bgpPeers")) {
            JsonNode iface = null;
            for (JsonNode i : r.json.path("interfaces")) {
                if (i.path("name").asText().equals(p.path("interfaceName").asText())) {
                    iface = i;
                }
            }
            ObjectNode ps = peers.addObject();
            ps.put("name", p.path("name").asText());
            String tunnelLink = iface == null ? null : iface.path("linkedVpnTunnel").asText(null);
            if (tunnelLink != null) {
                ps.put("linkedVpnTunnel", tunnelLink);
            }
            if (p.hasNonNull("ipAddress")) {
                ps.put("ipAddress", p.get("ipAddress").asText());
            }
            if (p.hasNonNull("peerIpAddress")) {
                ps.put("peerIpAddress", p.get("peerIpAddress").asText());
            }
            Resource tunnel = tunnelLink == null ? null : g.get(ref(tunnelLink, r.project, "regions", r.scope, "vpnTunnels", "linkedVpnTunnel"));
            String why = null;
            List<String> learned = new ArrayList<>();
            if (tunnel == null) {
                why = "no VPN tunnel linked";
            } else if (!"ESTABLISHED".equals(tunnel.json.path("status").asText())) {
                why = "tunnel " + tunnel.name + " is " + tunnel.json.path("status").asText();
            } else {
                AwsState.Tunnel awsTunnel = null;
                AwsState.VpnConnection conn = null;
                for (AwsState.VpnConnection c : aws.vpnConnections.values()) {
                    for (AwsState.Tunnel t : c.tunnels) {
                        if ("available".equals(c.state) && t.outsideIp.equals(tunnel.json.path("peerIp").asText())) {
                            awsTunnel = t;
                            conn = c;
                        }
                    }
                }
                if (awsTunnel == null) {
                    why = "peer not found";
                } else {
                    Cidr inside = Cidr.parse(awsTunnel.insideCidr);
                    AwsState.VpnGateway vgw = aws.vpnGateways.get(conn.vpnGatewayId);
                    String awsIp = Cidr.format(inside.base() + 1);
                    String gcpIp = Cidr.format(inside.base() + 2);
                    if (!awsIp.equals(p.path("peerIpAddress").asText())) {
                        why = "peerIpAddress must be the AWS inside address " + awsIp;
                    } else if (!gcpIp.equals(p.path("ipAddress").asText())) {
                        why = "ipAddress must be the customer-gateway inside address " + gcpIp;
                    } else if (vgw == null || vgw.amazonSideAsn != p.path("peerAsn").asLong()) {
                        why = "peerAsn does not match the AWS side ASN" + (vgw == null ? "" : " " + vgw.amazonSideAsn);
                    } else if (conn.staticRoutesOnly) {
                        why = "the AWS VPN connection uses static routes only";
                    } else if (vgw.attachedVpcId != null && aws.vpcs.get(vgw.attachedVpcId) != null) {
                        learned.add(aws.vpcs.get(vgw.attachedVpcId).cidr);
                    }
                }
            }
            boolean up = why == null;
            ps.put("status", up ? "UP" : "DOWN");
            ps.put("state", up ? "Established" : "Idle");
            if (!up) {
                ps.put("statusReason", "STATUS_REASON_UNSPECIFIED");
                ps.put("statusMessage", why);
            } else {
                long since = tunnel.createdAt;
                ps.put("uptime", "up");
                ps.put("uptimeSeconds", String.valueOf(Math.max(0, (now() - since) / 1000)));
            }
            ps.put("numLearnedRoutes", learned.size());
            ArrayNode adv = ps.putArray("advertisedRoutes");
            if (up) {
                for (String cidr : advertised) {
                    adv.addObject().put("kind", "compute#route").put("destRange", cidr).put("nextHopIp", p.path("ipAddress").asText())
                        .put("priority", p.path("advertisedRoutePriority").asInt(100)).put("routeType", "BGP");
                }
            }
            for (String cidr : learned) {
                ObjectNode route = Json.object();
                route.put("kind", "compute#route").put("creationTimestamp", Json.timestamp(tunnel.createdAt))
                    .put("network", r.json.path("network").asText()).put("destRange", cidr).put("priority", 100)
                    .put("nextHopIp", p.path("peerIpAddress").asText()).put("nextHopVpnTunnel", tunnelLink).put("routeType", "BGP");
                best.add(route);
                bestForRouter.add(route.deepCopy());
            }
        }
        return out;
    }
}

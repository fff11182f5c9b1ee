package io.skybridge.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.gcp.GcpState.Operation;
import io.skybridge.emulator.world.World;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compute Engine v1 resources and operations, behind {@link GceServer}: routes a path by its scope (project, zones,
 * regions, global, aggregated) to the families (see emulator/README.md) that implement each collection.
 */
public final class GceApi {
    private static final Set<String> ZONAL = Set.of("instances", "operations", "machineTypes");

    private static final Set<String> REGIONAL = Set.of("operations", "subnetworks", "vpnGateways", "vpnTunnels", "routers");

    private static final Set<String> GLOBAL = Set.of("operations", "networks", "externalVpnGateways", "firewalls");

    /** An HTTP answer. */
    public record Reply(int status, JsonNode body) {
    }

    private final World world;
    private final GceFamilies families;

    public GceApi(World world) {
        this.world = world;
        this.families = new GceFamilies(world);
    }

    /** The region a request path concerns (for regional outages), or null for global/aggregated paths. */
    public String regionOf(String path) {
        String[] s = path.split("/");
        if (s.length >= 4 && s[0].equals("projects")) {
            if (s[2].equals("zones")) {
                return families.scopes.zoneRegion(s[3]);
            }
            if (s[2].equals("regions")) {
                return s[3];
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
            throw GceFamily.unknownPath(path);
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

    private Reply route(GcpState g, String method, String project, List<String> r, Map<String, String> q, JsonNode body, String path) {
        int n = r.size();
        if (n == 0) {
            GceFamily.requireMethod(method, "GET", path);
            return GceFamily.ok(families.scopes.projectJson(g));
        }
        switch (r.get(0)) {
            case "zones" -> {
                if (n == 1) {
                    GceFamily.requireMethod(method, "GET", path);
                    return GceFamily.ok(families.scopes.scopeList(g, project, "zones", q));
                }
                String zone = r.get(1);
                String region = families.scopes.zoneRegion(zone);
                if (region == null) {
                    throw GceException.notFound("projects/" + project + "/zones/" + zone);
                }
                if (n == 2) {
                    GceFamily.requireMethod(method, "GET", path);
                    return GceFamily.ok(families.scopes.zoneJson(g, project, zone));
                }
                if (!ZONAL.contains(r.get(2))) {
                    throw GceFamily.unknownPath(path);
                }
                return families.collections.collection(g, method, project, "zones", zone, r.subList(2, n), q, body, path);
            }
            case "regions" -> {
                if (n == 1) {
                    GceFamily.requireMethod(method, "GET", path);
                    return GceFamily.ok(families.scopes.scopeList(g, project, "regions", q));
                }
                String region = r.get(1);
                if (!world.spec().gcp.regions.containsKey(region)) {
                    throw GceException.notFound("projects/" + project + "/regions/" + region);
                }
                if (n == 2) {
                    GceFamily.requireMethod(method, "GET", path);
                    return GceFamily.ok(families.scopes.regionJson(g, project, region));
                }
                if (!REGIONAL.contains(r.get(2))) {
                    throw GceFamily.unknownPath(path);
                }
                return families.collections.collection(g, method, project, "regions", region, r.subList(2, n), q, body, path);
            }
            case "global" -> {
                if (n < 2 || !GLOBAL.contains(r.get(1))) {
                    throw GceFamily.unknownPath(path);
                }
                return families.collections.collection(g, method, project, "global", null, r.subList(1, n), q, body, path);
            }
            case "aggregated" -> {
                if (n != 2) {
                    throw GceFamily.unknownPath(path);
                }
                GceFamily.requireMethod(method, "GET", path);
                return GceFamily.ok(families.paging.aggregated(g, project, r.get(1), q, path));
            }
            default -> throw GceFamily.unknownPath(path);
        }
    }

    public Operation operation(String path) {
        return world.locked(() -> world.gcp().operations.get(path));
    }

    public ObjectNode operationJson(String path) {
        return world.locked(() -> {
            GcpState g = world.gcp();
            Operation op = g.operations.get(path);
            return op == null ? null : families.operations.operationJson(g, op);
        });
    }
}

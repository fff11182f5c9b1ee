package io.skybridge.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.gcp.GcpState.Resource;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.emulator.world.World;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Lists (filter, orderBy, maxResults/pageToken) and aggregated lists of any collection. */
final class GcePaging extends GceFamily {
    GcePaging(World world) {
        super(world);
    }

    // ================================================================= lists and paging

    record Page(List<Resource> items, String nextPageToken) {
    }

    Page page(List<Resource> all, Map<String, String> q, Predicate<JsonNode> filter, GcpState g) {
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
            if (!filter.test(families.collections.render(g, res))) {
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

    ObjectNode list(GcpState g, String scopePath, String coll, Map<String, String> q) {
        Predicate<JsonNode> filter = GceFilter.parse(q.get("filter"));
        Page p = page(g.list(scopePath + "/" + coll + "/", coll), q, filter, g);
        ObjectNode out = Json.object();
        out.put("kind", KIND.get(coll) + "List");
        out.put("id", scopePath + "/" + coll);
        if (!p.items.isEmpty()) {
            ArrayNode items = out.putArray("items");
            for (Resource r : p.items) {
                items.add(families.collections.render(g, r));
            }
        }
        out.put("selfLink", g.url(scopePath + "/" + coll));
        if (p.nextPageToken != null) {
            out.put("nextPageToken", p.nextPageToken);
        }
        return out;
    }

    ObjectNode aggregated(GcpState g, String project, String coll, Map<String, String> q, String path) {
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
                    arr.add(families.collections.render(g, r));
                }
            }
        }
        out.put("selfLink", g.url("projects/" + project + "/aggregated/" + coll));
        if (p.nextPageToken != null) {
            out.put("nextPageToken", p.nextPageToken);
        }
        return out;
    }
}

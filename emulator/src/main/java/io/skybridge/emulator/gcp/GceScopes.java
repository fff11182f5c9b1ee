package io.skybridge.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.emulator.world.World;
import io.skybridge.emulator.world.WorldSpec;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The project, zones, regions and machine types. */
final class GceScopes extends GceFamily {
    GceScopes(World world) {
        super(world);
    }

    // ================================================================= catalogue resources

    ObjectNode projectJson(GcpState g) {
        ObjectNode p = Json.object();
        p.put("kind", "compute#project").put("id", g.spec().projectNumber).put("name", g.project())
            .put("creationTimestamp", Json.timestamp(0)).put("defaultServiceAccount", g.spec().projectNumber + "-compute@developer.gserviceaccount.com")
            .put("selfLink", g.url("projects/" + g.project())).put("xpnProjectStatus", "UNSPECIFIED_XPN_PROJECT_STATUS");
        p.putObject("commonInstanceMetadata").put("kind", "compute#metadata").put("fingerprint", "c2t5YnJpZGdl");
        return p;
    }

    ObjectNode zoneJson(GcpState g, String project, String zone) {
        ObjectNode z = Json.object();
        String region = zoneRegion(zone);
        z.put("kind", "compute#zone").put("id", String.valueOf(2000 + Math.abs(zone.hashCode() % 1000))).put("creationTimestamp", Json.timestamp(0))
            .put("name", zone).put("description", zone).put("status", world.outageFor(Cloud.GCP, region) == null ? "UP" : "DOWN")
            .put("region", g.url("projects/" + project + "/regions/" + region)).put("selfLink", g.url("projects/" + project + "/zones/" + zone))
            .put("supportsPzs", false);
        return z;
    }

    ObjectNode regionJson(GcpState g, String project, String region) {
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

    ObjectNode scopeList(GcpState g, String project, String type, Map<String, String> q) {
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

    ObjectNode machineTypeJson(GcpState g, String project, String zone, String name) {
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

    ObjectNode machineTypeList(GcpState g, String project, String zone, Map<String, String> q) {
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
}

package io.skybridge.emulator.gcp;

import io.skybridge.emulator.gcp.GceApi.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.gcp.GcpState.Operation;
import io.skybridge.emulator.gcp.GcpState.Resource;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.emulator.world.IpPool;
import io.skybridge.emulator.world.World;
import io.skybridge.emulator.world.WorldSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Instances: insert (placement, addresses, labels, metadata, faults), delete, stop, start, setLabels. */
final class GceInstances extends GceFamily {
    GceInstances(World world) {
        super(world);
    }

    // ================================================================= instances

    Reply insertInstance(GcpState g, String project, String zone, String name, String path, Map<String, String> q, ObjectNode body) {
        String region = zoneRegion(zone);
        String mtRef = body.path("machineType").asText(null);
        if (mtRef == null) {
            throw GceException.required("resource.machineType");
        }
        String mtPath = families.refs.ref(mtRef, project, "zones", zone, "machineTypes", "resource.machineType");
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
                subnet = families.refs.requireRef(g, nicIn.get("subnetwork").asText(), project, "regions", region, "subnetworks", field + ".subnetwork");
                if (!region.equals(subnet.scope)) {
                    throw GceException.invalid(field + ".subnetwork", nicIn.get("subnetwork").asText(),
                        "Subnetwork must be in the same region as the instance (" + region + ").");
                }
                net = g.get(families.refs.ref(subnet.json.get("network").asText(), project, "global", null, "networks", field + ".network"));
                if (nicIn.hasNonNull("network")) {
                    Resource given = families.refs.requireRef(g, nicIn.get("network").asText(), project, "global", null, "networks", field + ".network");
                    if (given != net) {
                        throw GceException.invalid(field + ".network", nicIn.get("network").asText(), "The subnetwork belongs to a different network.");
                    }
                }
            } else {
                String netRef = nicIn.hasNonNull("network") ? nicIn.get("network").asText() : "global/networks/default";
                net = families.refs.requireRef(g, netRef, project, "global", null, "networks", field + ".network");
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
            Operation op = families.operations.newOperation(g, project, "zones", zone, "insert", path, g.newId(), 0, null);
            ObjectNode err = Json.object();
            err.putArray("errors").addObject().put("code", "QUOTA_EXCEEDED")
                .put("message", "Quota 'CPUS' exceeded.  Limit: 0.0 in region " + region + ".");
            op.error = err;
            op.httpErrorStatusCode = 403;
            op.httpErrorMessage = "FORBIDDEN";
            return families.operations.opReply(g, op, q);
        }
        if (world.rollCapacityFailure(Cloud.GCP, zone)) {
            world.events().record("gcp", region, "fault.capacity", name, "operation", "instances.insert", "machineType", mtName,
                "zone", zone);
            Operation op = families.operations.newOperation(g, project, "zones", zone, "insert", path, g.newId(), 0, null);
            ObjectNode err = Json.object();
            err.putArray("errors").addObject().put("code", "ZONE_RESOURCE_POOL_EXHAUSTED")
                .put("message", "The zone '" + "projects/" + project + "/zones/" + zone + "' does not have enough resources available to fulfill the request.  Try a different zone, or try again later.");
            op.error = err;
            op.httpErrorStatusCode = 503;
            op.httpErrorMessage = "SERVICE UNAVAILABLE";
            return families.operations.opReply(g, op, q);
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
        if (world.neverJoin(Cloud.GCP) || "true".equalsIgnoreCase(labels.path(GceApi.NEVER_JOIN_LABEL).asText(null))) {
            r.hidden.put(GceApi.NEVER_JOIN_LABEL, Boolean.TRUE);
        }
        world.events().record("gcp", region, "instance.inserted", name, "zone", zone, "machineType", mtName,
            "networkIP", nics.get(0).path("networkIP").asText());
        Operation op = families.operations.newOperation(g, project, "zones", zone, "insert", path, r.id, boot, () -> {
            if (g.get(path) == r && Set.of("PROVISIONING", "STAGING").contains(r.json.path("status").asText())) {
                setStatus(r, "RUNNING");
                r.json.put("lastStartTimestamp", Json.timestamp(now()));
            }
        });
        return families.operations.opReply(g, op, q);
    }

    Reply deleteInstance(GcpState g, Resource r, Map<String, String> q) {
        if (!"STOPPING".equals(r.json.path("status").asText()) || r.hidden.get("deleting") == null) {
            setStatus(r, "STOPPING");
        }
        r.hidden.put("deleting", Boolean.TRUE);
        Operation op = families.operations.newOperation(g, r.project, "zones", r.scope, "delete", r.path, r.id, world.shutdownDelayMillis(), () -> {
            if (g.get(r.path) == r) {
                g.remove(r);
                releaseAddresses(g, r);
                world.events().record("gcp", zoneRegion(r.scope), "instance.deleted", r.name);
            }
        });
        return families.operations.opReply(g, op, q);
    }

    void releaseAddresses(GcpState g, Resource r) {
        for (JsonNode nic : r.json.path("networkInterfaces")) {
            String sub = families.refs.ref(nic.path("subnetwork").asText(), r.project, "regions", zoneRegion(r.scope), "subnetworks", "subnetwork");
            IpPool pool = g.subnetPools.get(sub);
            if (pool != null) {
                pool.release(nic.path("networkIP").asText(null));
            }
            for (JsonNode ac : nic.path("accessConfigs")) {
                g.publicIps.release(ac.path("natIP").asText(null));
            }
        }
    }

    Reply stopInstance(GcpState g, Resource r, Map<String, String> q) {
        Operation prior = families.operations.priorRequest(g, r.project, q);
        if (prior != null) {
            return ok(families.operations.operationJson(g, prior));
        }
        if (r.hidden.get("deleting") != null) {
            throw new GceException(400, "resourceNotReady", "The resource '" + r.path + "' is not ready");
        }
        String status = r.json.path("status").asText();
        if (!status.equals("TERMINATED")) {
            setStatus(r, "STOPPING");
        }
        Operation op = families.operations.newOperation(g, r.project, "zones", r.scope, "stop", r.path, r.id, world.shutdownDelayMillis(), () -> {
            if (g.get(r.path) == r && "STOPPING".equals(r.json.path("status").asText())) {
                setStatus(r, "TERMINATED");
                r.json.put("lastStopTimestamp", Json.timestamp(now()));
            }
        });
        return families.operations.opReply(g, op, q);
    }

    Reply startInstance(GcpState g, Resource r, Map<String, String> q) {
        Operation prior = families.operations.priorRequest(g, r.project, q);
        if (prior != null) {
            return ok(families.operations.operationJson(g, prior));
        }
        String status = r.json.path("status").asText();
        if (status.equals("STOPPING") || r.hidden.get("deleting") != null) {
            throw new GceException(400, "resourceNotReady", "The resource '" + r.path + "' is not ready");
        }
        if (status.equals("TERMINATED")) {
            setStatus(r, "STAGING");
        }
        Operation op = families.operations.newOperation(g, r.project, "zones", r.scope, "start", r.path, r.id, world.bootDelayMillis(), () -> {
            if (g.get(r.path) == r && "STAGING".equals(r.json.path("status").asText())) {
                setStatus(r, "RUNNING");
                r.json.put("lastStartTimestamp", Json.timestamp(now()));
            }
        });
        return families.operations.opReply(g, op, q);
    }

    Reply setLabels(GcpState g, Resource r, Map<String, String> q, ObjectNode body) {
        Operation prior = families.operations.priorRequest(g, r.project, q);
        if (prior != null) {
            return ok(families.operations.operationJson(g, prior));
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
        Operation op = families.operations.newOperation(g, r.project, "zones", r.scope, "setLabels", r.path, r.id, 0, null);
        return families.operations.opReply(g, op, q);
    }
}

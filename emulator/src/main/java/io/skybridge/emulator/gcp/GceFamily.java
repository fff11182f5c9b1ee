package io.skybridge.emulator.gcp;

import io.skybridge.emulator.gcp.GceApi.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.gcp.GcpState.Resource;
import io.skybridge.emulator.world.World;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What every Compute Engine family shares: the world, name and label patterns, replies and errors, the clock. */
abstract class GceFamily {
    /** Every family, for calls across them (set once by {@link GceApi}). */
    GceFamilies families;

    final World world;

    GceFamily(World world) {
        this.world = world;
    }

    static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    static final Pattern LABEL_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    static final Pattern LABEL_VALUE = Pattern.compile("[a-z0-9_-]{0,63}");

    static final Pattern UUID_RE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static final Map<String, String> KIND = Map.ofEntries(
        Map.entry("instances", "compute#instance"), Map.entry("networks", "compute#network"),
        Map.entry("subnetworks", "compute#subnetwork"), Map.entry("vpnGateways", "compute#vpnGateway"),
        Map.entry("vpnTunnels", "compute#vpnTunnel"), Map.entry("routers", "compute#router"),
        Map.entry("externalVpnGateways", "compute#externalVpnGateway"), Map.entry("firewalls", "compute#firewall"),
        Map.entry("operations", "compute#operation"), Map.entry("machineTypes", "compute#machineType"),
        Map.entry("zones", "compute#zone"), Map.entry("regions", "compute#region"));

    String zoneRegion(String zone) {
        for (Map.Entry<String, List<String>> e : world.spec().gcp.regions.entrySet()) {
            if (e.getValue().contains(zone)) {
                return e.getKey();
            }
        }
        return null;
    }

    static GceException unknownPath(String path) {
        return new GceException(404, "notFound", "The requested URL /compute/v1/" + path + " was not found on this server.");
    }

    static GceException badMethod(String method, String path) {
        return new GceException(405, "httpMethodNotAllowed", "Method " + method + " is not allowed for /compute/v1/" + path);
    }

    static void requireMethod(String method, String expected, String path) {
        if (!method.equals(expected)) {
            throw badMethod(method, path);
        }
    }

    static Reply ok(JsonNode n) {
        return new Reply(200, n);
    }

    static ObjectNode requireBody(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GceException(400, "parseError", "Parse Error: the request body must be a JSON object.");
        }
        return (ObjectNode) body;
    }

    long now() {
        return world.clock().millis();
    }

    static String singular(String coll) {
        return coll.endsWith("s") ? coll.substring(0, coll.length() - 1) : coll;
    }

    void setStatus(Resource r, String status) {
        String prev = r.json.path("status").asText(null);
        if (!status.equals(prev)) {
            r.json.put("status", status);
            world.events().record("gcp", zoneRegion(r.scope), "instance.status", r.name, "from", prev, "to", status);
        }
    }

    static String fingerprint(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(d, 8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void validateLabels(JsonNode labels) {
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
}

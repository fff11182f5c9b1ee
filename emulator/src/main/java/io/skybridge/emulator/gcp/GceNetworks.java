package io.skybridge.emulator.gcp;

import io.skybridge.emulator.gcp.GceApi.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.gcp.GcpState.Resource;
import io.skybridge.emulator.world.Cidr;
import io.skybridge.emulator.world.IpPool;
import io.skybridge.emulator.world.World;

import java.util.Map;
import java.util.Set;

/** Networks, subnetworks and firewalls. */
final class GceNetworks extends GceFamily {
    GceNetworks(World world) {
        super(world);
    }

    // ================================================================= networks

    ObjectNode networkBody(ObjectNode body) {
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

    Reply insertSubnetwork(GcpState g, String project, String region, String name, Map<String, String> q, ObjectNode body) {
        Resource net = families.refs.requireRef(g, body.path("network").asText(null), project, "global", null, "networks", "resource.network");
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
        Reply reply = families.collections.insertSimple(g, project, "regions", region, "subnetworks", name, q, json);
        Resource sr = g.get(GcpState.scopePath(project, "regions", region) + "/subnetworks/" + name);
        g.subnetPools.put(sr.path, new IpPool(c, 2));
        ((ArrayNode) net.json.withArray("subnetworks")).add(sr.json.get("selfLink").asText());
        return reply;
    }

    ObjectNode firewallBody(GcpState g, String project, ObjectNode body) {
        String netRef = body.hasNonNull("network") ? body.get("network").asText() : "global/networks/default";
        Resource net = families.refs.requireRef(g, netRef, project, "global", null, "networks", "resource.network");
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
}

package io.skybridge.emulator.gcp;

import io.skybridge.emulator.gcp.GceApi.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.gcp.GcpState.Operation;
import io.skybridge.emulator.gcp.GcpState.Resource;
import io.skybridge.emulator.world.Cidr;
import io.skybridge.emulator.world.World;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** HA VPN gateways, external VPN gateways, VPN tunnels and Cloud Routers (BGP peers). */
final class GceVpn extends GceFamily {
    GceVpn(World world) {
        super(world);
    }

    // ================================================================= VPN

    ObjectNode vpnGatewayBody(GcpState g, String project, String region, ObjectNode body) {
        Resource net = families.refs.requireRef(g, body.path("network").asText(null), project, "global", null, "networks", "resource.network");
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

    ObjectNode externalGatewayBody(ObjectNode body) {
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

    Reply insertTunnel(GcpState g, String project, String region, String name, Map<String, String> q, ObjectNode body) {
        String secret = body.path("sharedSecret").asText(null);
        if (secret == null || secret.isEmpty()) {
            throw GceException.required("resource.sharedSecret");
        }
        ObjectNode json = body.deepCopy();
        Map<String, Object> hidden = new LinkedHashMap<>();
        hidden.put("sharedSecret", secret);
        if (body.hasNonNull("vpnGateway")) {
            Resource gw = families.refs.requireRef(g, body.get("vpnGateway").asText(), project, "regions", region, "vpnGateways", "resource.vpnGateway");
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
            Resource peer = families.refs.requireRef(g, body.get("peerExternalGateway").asText(), project, "global", null, "externalVpnGateways", "resource.peerExternalGateway");
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
            Resource router = families.refs.requireRef(g, body.get("router").asText(), project, "regions", region, "routers", "resource.router");
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
        Reply reply = families.collections.insertSimple(g, project, "regions", region, "vpnTunnels", name, q, json);
        Resource t = g.get(GcpState.scopePath(project, "regions", region) + "/vpnTunnels/" + name);
        t.hidden.putAll(hidden);
        t.json.put("status", "FIRST_HANDSHAKE");
        t.json.put("detailedStatus", "Handshake in progress.");
        return reply;
    }

    // ================================================================= routers

    ObjectNode routerBody(GcpState g, String project, String region, String name, ObjectNode body) {
        Resource net = families.refs.requireRef(g, body.path("network").asText(null), project, "global", null, "networks", "resource.network");
        ObjectNode json = body.deepCopy();
        json.put("network", net.json.get("selfLink").asText());
        validateRouter(g, project, region, json);
        return json;
    }

    void validateRouter(GcpState g, String project, String region, ObjectNode json) {
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
                Resource t = families.refs.requireRef(g, i.get("linkedVpnTunnel").asText(), project, "regions", region, "vpnTunnels", "resource.interfaces[].linkedVpnTunnel");
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

    Reply patchRouter(GcpState g, Resource r, Map<String, String> q, ObjectNode body) {
        Operation prior = families.operations.priorRequest(g, r.project, q);
        if (prior != null) {
            return ok(families.operations.operationJson(g, prior));
        }
        ObjectNode merged = r.json.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (Set.of("kind", "id", "selfLink", "creationTimestamp", "region", "name").contains(e.getKey())) {
                continue;
            }
            if (e.getKey().equals("network") && !e.getValue().asText().equals(r.json.path("network").asText())
                && !families.refs.ref(e.getValue().asText(), r.project, "global", null, "networks", "resource.network")
                .equals(families.refs.ref(r.json.path("network").asText(), r.project, "global", null, "networks", "network"))) {
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
        Operation op = families.operations.newOperation(g, r.project, "regions", r.scope, "patch", r.path, r.id, 0, null);
        return families.operations.opReply(g, op, q);
    }
}

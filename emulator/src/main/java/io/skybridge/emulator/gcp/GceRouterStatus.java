package io.skybridge.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.aws.AwsState;
import io.skybridge.emulator.gcp.GcpState.Resource;
import io.skybridge.emulator.world.Cidr;
import io.skybridge.emulator.world.World;

import java.util.ArrayList;
import java.util.List;

/** routers.getRouterStatus: BGP sessions and learned routes, from the tunnels that are up. */
final class GceRouterStatus extends GceFamily {
    GceRouterStatus(World world) {
        super(world);
    }

    ObjectNode routerStatus(GcpState g, Resource r) {
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
            Resource tunnel = tunnelLink == null ? null : g.get(families.refs.ref(tunnelLink, r.project, "regions", r.scope, "vpnTunnels", "linkedVpnTunnel"));
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

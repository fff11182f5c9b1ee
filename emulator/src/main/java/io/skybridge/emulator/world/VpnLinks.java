package io.skybridge.emulator.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.aws.AwsState;
import io.skybridge.emulator.control.Outage;
import io.skybridge.emulator.gcp.GcpState;

import java.util.HashSet;
import java.util.Set;

/**
 * The VPN links across the clouds: a Compute Engine tunnel is ESTABLISHED, and the AWS tunnel it matches UP, only
 * when peer addresses, customer gateway and pre-shared key agree and neither side is in an outage. Re-evaluated
 * whenever the world moves forward (under the world lock); every status change is in the event log.
 */
final class VpnLinks {
    /** The outage affecting a cloud's region, read under the world lock. */
    interface Outages {
        Outage find(Cloud cloud, String region);
    }

    private final EventLog events;
    private final Outages outages;

    VpnLinks(EventLog events, Outages outages) {
        this.events = events;
        this.outages = outages;
    }

    void recompute(AwsState aws, GcpState gcp, long now) {
        if (aws.vpnConnections.isEmpty() && gcp.list("projects/", "vpnTunnels").isEmpty()) {
            return;
        }
        Set<AwsState.Tunnel> upAws = new HashSet<>();
        for (GcpState.Resource t : gcp.all(gcp.project(), "vpnTunnels")) {
            String[] status = gcpTunnelStatus(aws, gcp, t, upAws);
            ObjectNode json = t.json;
            String prev = json.path("status").asText(null);
            if (!status[0].equals(prev)) {
                json.put("status", status[0]);
                events.record("gcp", t.scope, "vpnTunnel.status", t.name, "from", prev, "to", status[0]);
            }
            json.put("detailedStatus", status[1]);
        }
        for (AwsState.VpnConnection c : aws.vpnConnections.values()) {
            for (AwsState.Tunnel tun : c.tunnels) {
                boolean up = upAws.contains(tun);
                if (up != tun.up) {
                    tun.up = up;
                    tun.lastStatusChange = now;
                    tun.statusMessage = up ? "" : downReason(c);
                    events.record("aws", c.region, "vpnTunnel.status", c.id, "outsideIp", tun.outsideIp,
                        "to", up ? "UP" : "DOWN");
                } else if (!up) {
                    tun.statusMessage = downReason(c);
                }
            }
        }
    }

    private String downReason(AwsState.VpnConnection c) {
        if (!"available".equals(c.state)) {
            return "";
        }
        if (outages.find(Cloud.AWS, c.region) != null) {
            return "IPSEC IS DOWN: AWS region unavailable";
        }
        return "IPSEC IS DOWN";
    }

    /** @return {status, detailedStatus}; adds the matching AWS tunnel to {@code upAws} when established */
    private String[] gcpTunnelStatus(AwsState aws, GcpState gcp, GcpState.Resource t, Set<AwsState.Tunnel> upAws) {
        String peerIp = resolvePeerIp(gcp, t);
        if (peerIp == null) {
            return new String[] {"WAITING_FOR_FULL_CONFIG", "Waiting for configuration to complete: peer gateway not found."};
        }
        String localIp = resolveLocalIp(gcp, t);
        AwsState.Tunnel match = null;
        AwsState.VpnConnection matchConn = null;
        for (AwsState.VpnConnection c : aws.vpnConnections.values()) {
            if (!"available".equals(c.state)) {
                continue;
            }
            for (AwsState.Tunnel tun : c.tunnels) {
                if (peerIp.equals(tun.outsideIp)) {
                    match = tun;
                    matchConn = c;
                }
            }
        }
        if (match == null) {
            return new String[] {"NO_INCOMING_PACKETS", "No incoming packets from peer."};
        }
        AwsState.CustomerGateway cgw = aws.customerGateways.get(matchConn.customerGatewayId);
        if (localIp != null && (cgw == null || !localIp.equals(cgw.ipAddress))) {
            return new String[] {"NO_INCOMING_PACKETS", "No incoming packets from peer: peer is configured for another address."};
        }
        if (!String.valueOf(t.hidden.get("sharedSecret")).equals(match.preSharedKey)) {
            return new String[] {"NEGOTIATION_FAILURE", "Handshake with peer failed: pre-shared keys do not match."};
        }
        if (outages.find(Cloud.GCP, t.scope) != null) {
            return new String[] {"NETWORK_ERROR", "Google Cloud region unavailable."};
        }
        if (outages.find(Cloud.AWS, matchConn.region) != null) {
            return new String[] {"NO_INCOMING_PACKETS", "No incoming packets from peer."};
        }
        upAws.add(match);
        return new String[] {"ESTABLISHED", "Tunnel is up and running."};
    }

    private static String resolvePeerIp(GcpState gcp, GcpState.Resource t) {
        Object direct = t.hidden.get("peerIp");
        if (direct != null) {
            return direct.toString();
        }
        return interfaceIp(gcp, t, "peerExternalGateway", "peerExternalGatewayInterface", "interfaces");
    }

    private static String resolveLocalIp(GcpState gcp, GcpState.Resource t) {
        return interfaceIp(gcp, t, "vpnGateway", "vpnGatewayInterface", "vpnInterfaces");
    }

    /** The address of the tunnel's gateway interface: gateway path and interface index from the tunnel. */
    private static String interfaceIp(GcpState gcp, GcpState.Resource t, String gatewayKey, String interfaceKey,
                                      String interfacesField) {
        Object gwPath = t.hidden.get(gatewayKey);
        GcpState.Resource gw = gwPath == null ? null : gcp.get(gwPath.toString());
        if (gw == null) {
            return null;
        }
        int iface = ((Number) t.hidden.getOrDefault(interfaceKey, 0)).intValue();
        for (var i : gw.json.path(interfacesField)) {
            if (i.path("id").asInt() == iface) {
                return i.path("ipAddress").asText(null);
            }
        }
        return null;
    }
}

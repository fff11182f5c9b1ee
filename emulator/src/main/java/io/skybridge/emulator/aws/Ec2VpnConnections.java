package io.skybridge.emulator.aws;

import io.skybridge.emulator.aws.AwsState.CustomerGateway;
import io.skybridge.emulator.aws.AwsState.Tunnel;
import io.skybridge.emulator.aws.AwsState.VpnConnection;
import io.skybridge.emulator.aws.AwsState.VpnGateway;
import io.skybridge.emulator.gcp.GcpState;
import io.skybridge.emulator.world.Cidr;
import io.skybridge.emulator.world.World;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Site-to-Site VPN connections: create (tunnel options, inside CIDRs, pre-shared keys), describe, delete. */
final class Ec2VpnConnections extends Ec2Family {
    Ec2VpnConnections(World world) {
        super(world);
    }

    @Override
    void register(Map<String, Ec2Action> actions) {
        actions.put("CreateVpnConnection", (s, p, region, x) -> createVpnConnection(s, p, region, x));
        actions.put("DescribeVpnConnections", (s, p, region, x) -> describeVpnConnections(s, p, region, x));
        actions.put("DeleteVpnConnection", (s, p, region, x) -> deleteVpnConnection(s, p, region, x));
    }

    private static final Pattern PSK = Pattern.compile("[A-Za-z1-9._][A-Za-z0-9._]{7,63}");

    private static final List<String> RESERVED_INSIDE = List.of("169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30",
        "169.254.3.0/30", "169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30");

    private void createVpnConnection(AwsState s, Params p, String region, Xml x) {
        String type = p.required("Type");
        if (!type.equals("ipsec.1")) {
            throw Ec2Exception.invalidValue("Type", type);
        }
        String cgwId = p.required("CustomerGatewayId");
        CustomerGateway cgw = s.customerGateways.get(cgwId);
        if (cgw == null || !cgw.region.equals(region)) {
            throw Ec2Exception.badRequest("InvalidCustomerGatewayID.NotFound", "The customerGateway ID '" + cgwId + "' does not exist");
        }
        String vgwId = p.get("VpnGatewayId");
        if (vgwId == null) {
            if (p.get("TransitGatewayId") != null) {
                throw Ec2Exception.badRequest("UnsupportedOperation", "Transit gateway VPN connections are not supported by this emulator.");
            }
            throw Ec2Exception.missing("VpnGatewayId");
        }
        VpnGateway g = vgw(s, vgwId, region);
        for (VpnConnection c : s.vpnConnections.values()) {
            if (c.customerGatewayId.equals(cgwId) && vgwId.equals(c.vpnGatewayId) && !"deleted".equals(c.state)) {
                throw Ec2Exception.badRequest("InvalidCustomerGateway.DuplicateIpAddress", "Customer gateway " + cgwId + " already has a VPN connection (" + c.id + ") to " + vgwId + ".");
            }
        }
        Boolean staticOnly = p.bool("Options.StaticRoutesOnly");
        List<Params> tunnelOpts = p.structs("Options.TunnelOptions");
        if (tunnelOpts.size() > 2) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "A VPN connection has exactly two tunnels; " + tunnelOpts.size() + " tunnel options given.");
        }
        Set<String> usedInside = new HashSet<>();
        for (VpnConnection c : s.vpnConnections.values()) {
            if (vgwId.equals(c.vpnGatewayId) && !"deleted".equals(c.state)) {
                for (Tunnel t : c.tunnels) {
                    usedInside.add(t.insideCidr);
                }
            }
        }
        VpnConnection c = new VpnConnection();
        c.id = s.newId("vpn");
        c.region = region;
        c.customerGatewayId = cgwId;
        c.vpnGatewayId = vgwId;
        c.staticRoutesOnly = staticOnly != null && staticOnly;
        c.tags.putAll(tagsFromSpecs(p, "vpn-connection"));
        for (int n = 0; n < 2; n++) {
            Params opt = n < tunnelOpts.size() ? tunnelOpts.get(n) : new Params(Map.of());
            Tunnel t = new Tunnel();
            String inside = opt.get("TunnelInsideCidr");
            if (inside != null) {
                validateInsideCidr(inside);
                if (!usedInside.add(inside)) {
                    throw Ec2Exception.badRequest("InvalidParameterValue", "The tunnel inside CIDR " + inside + " is already in use by another tunnel of " + vgwId + ".");
                }
            } else {
                do {
                    inside = "169.254." + (10 + s.random.nextInt(240)) + "." + (s.random.nextInt(64) * 4) + "/30";
                } while (!usedInside.add(inside) || RESERVED_INSIDE.contains(inside));
            }
            t.insideCidr = inside;
            String psk = opt.get("PreSharedKey");
            if (psk != null) {
                if (!PSK.matcher(psk).matches()) {
                    throw Ec2Exception.badRequest("InvalidParameterValue", "The pre-shared key must be 8-64 characters (letters, digits, periods and underscores) and must not start with zero.");
                }
            } else {
                psk = generatePsk(s);
            }
            t.preSharedKey = psk;
            t.outsideIp = s.publicIps.allocate();
            t.lastStatusChange = now();
            t.statusMessage = "IPSEC IS DOWN";
            c.tunnels.add(t);
        }
        s.vpnConnections.put(c.id, c);
        world.events().record("aws", region, "vpnConnection.created", c.id, "customerGatewayId", cgwId, "vpnGatewayId", vgwId,
            "tunnel1", c.tunnels.get(0).outsideIp, "tunnel2", c.tunnels.get(1).outsideIp);
        x.open("vpnConnection");
        renderVpn(s, c, g, cgw, x);
        x.close("vpnConnection");
    }

    private static void validateInsideCidr(String inside) {
        Cidr cidr;
        try {
            cidr = Cidr.parse(inside);
        } catch (IllegalArgumentException e) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "The tunnel inside CIDR " + inside + " is malformed.");
        }
        if (cidr.prefix() != 30 || !Cidr.parse("169.254.0.0/16").contains(cidr) || RESERVED_INSIDE.contains(cidr.toString())) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "The tunnel inside CIDR " + inside
                + " is not valid. It must be a /30 in 169.254.0.0/16 outside the reserved blocks.");
        }
    }

    private static String generatePsk(AwsState s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
        StringBuilder sb = new StringBuilder();
        sb.append((char) ('a' + s.random.nextInt(26)));
        for (int i = 1; i < 32; i++) {
            sb.append(alphabet.charAt(s.random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private void renderVpn(AwsState s, VpnConnection c, VpnGateway g, CustomerGateway cgw, Xml x) {
        x.el("vpnConnectionId", c.id).el("state", c.state);
        if (!"deleted".equals(c.state)) {
            x.el("customerGatewayConfiguration", customerGatewayConfiguration(c, g, cgw));
        }
        x.el("type", c.type).el("customerGatewayId", c.customerGatewayId).el("vpnGatewayId", c.vpnGatewayId).el("category", "VPN")
            .open("options").el("staticRoutesOnly", c.staticRoutesOnly).el("enableAcceleration", false)
            .el("localIpv4NetworkCidr", "0.0.0.0/0").el("remoteIpv4NetworkCidr", "0.0.0.0/0").el("tunnelInsideIpVersion", "ipv4")
            .open("tunnelOptionSet");
        for (Tunnel t : c.tunnels) {
            x.open("item").el("outsideIpAddress", t.outsideIp).el("tunnelInsideCidr", t.insideCidr).el("preSharedKey", t.preSharedKey)
                .el("ikeVersions", null).close("item");
        }
        x.close("tunnelOptionSet").close("options").open("routes").close("routes").open("vgwTelemetry");
        for (Tunnel t : c.tunnels) {
            int routes = 0;
            if (t.up && !c.staticRoutesOnly) {
                GcpState gs = world.gcp();
                routes = gs.all(gs.project(), "subnetworks").size();
            }
            x.open("item").el("outsideIpAddress", t.outsideIp).el("status", t.up ? "UP" : "DOWN")
                .el("lastStatusChange", ts(t.lastStatusChange)).el("statusMessage", t.up ? routes + " BGP ROUTES" : t.statusMessage)
                .el("acceptedRouteCount", routes).close("item");
        }
        x.close("vgwTelemetry");
        renderTags(c.tags, x);
    }

    private String customerGatewayConfiguration(VpnConnection c, VpnGateway g, CustomerGateway cgw) {
        Xml x = new Xml(2048);
        x.open("vpn_connection id=\"" + c.id + "\"").el("customer_gateway_id", c.customerGatewayId).el("vpn_gateway_id", c.vpnGatewayId)
            .el("vpn_connection_type", c.type);
        for (Tunnel t : c.tunnels) {
            Cidr inside = Cidr.parse(t.insideCidr);
            x.open("ipsec_tunnel")
                .open("customer_gateway")
                .open("tunnel_outside_address").el("ip_address", cgw == null ? null : cgw.ipAddress).close("tunnel_outside_address")
                .open("tunnel_inside_address").el("ip_address", Cidr.format(inside.base() + 2)).el("network_mask", "255.255.255.252").el("network_cidr", 30).close("tunnel_inside_address")
                .open("bgp").el("asn", cgw == null ? null : cgw.bgpAsn).el("hold_time", 30).close("bgp")
                .close("customer_gateway")
                .open("vpn_gateway")
                .open("tunnel_outside_address").el("ip_address", t.outsideIp).close("tunnel_outside_address")
                .open("tunnel_inside_address").el("ip_address", Cidr.format(inside.base() + 1)).el("network_mask", "255.255.255.252").el("network_cidr", 30).close("tunnel_inside_address")
                .open("bgp").el("asn", g == null ? null : g.amazonSideAsn).el("hold_time", 30).close("bgp")
                .close("vpn_gateway")
                .open("ike").el("authentication_protocol", "sha1").el("encryption_protocol", "aes-128-cbc").el("lifetime", 28800)
                .el("perfect_forward_secrecy", "group2").el("mode", "main").el("pre_shared_key", t.preSharedKey).close("ike")
                .close("ipsec_tunnel");
        }
        x.close("vpn_connection");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + x;
    }

    private void describeVpnConnections(AwsState s, Params p, String region, Xml x) {
        List<VpnConnection> conns = selectByIds(s.vpnConnections, p.list("VpnConnectionId"), region, c -> c.region, "InvalidVpnConnectionID.NotFound", "vpnConnection");
        Map<String, Function<VpnConnection, List<String>>> known = new LinkedHashMap<>();
        known.put("vpn-connection-id", c -> List.of(c.id));
        known.put("state", c -> List.of(c.state));
        known.put("vpn-gateway-id", c -> List.of(c.vpnGatewayId));
        known.put("customer-gateway-id", c -> List.of(c.customerGatewayId));
        known.put("type", c -> List.of(c.type));
        known.put("option.static-routes-only", c -> List.of(String.valueOf(c.staticRoutesOnly)));
        x.open("vpnConnectionSet");
        for (VpnConnection c : filter(conns, p, known, c -> c.tags)) {
            x.open("item");
            renderVpn(s, c, s.vpnGateways.get(c.vpnGatewayId), s.customerGateways.get(c.customerGatewayId), x);
            x.close("item");
        }
        x.close("vpnConnectionSet");
    }

    private void deleteVpnConnection(AwsState s, Params p, String region, Xml x) {
        String id = p.required("VpnConnectionId");
        VpnConnection c = s.vpnConnections.get(id);
        if (c == null || !c.region.equals(region)) {
            throw Ec2Exception.badRequest("InvalidVpnConnectionID.NotFound", "The vpnConnection ID '" + id + "' does not exist");
        }
        if (!"deleted".equals(c.state)) {
            c.state = "deleted";
            c.deletedAt = now();
            for (Tunnel t : c.tunnels) {
                if (t.up) {
                    t.up = false;
                    t.lastStatusChange = c.deletedAt;
                    world.events().record("aws", region, "vpnTunnel.status", c.id, "outsideIp", t.outsideIp, "to", "DOWN");
                }
                t.statusMessage = "";
            }
            world.events().record("aws", region, "vpnConnection.deleted", c.id);
        }
        x.el("return", true);
    }
}

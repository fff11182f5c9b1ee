package io.skybridge.emulator.aws;

import io.skybridge.emulator.aws.AwsState.RouteTable;
import io.skybridge.emulator.aws.AwsState.Vpc;
import io.skybridge.emulator.aws.AwsState.VpnConnection;
import io.skybridge.emulator.aws.AwsState.VpnGateway;
import io.skybridge.emulator.world.World;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Virtual private gateways: create, attach, describe, detach, delete, route propagation. */
final class Ec2VpnGateways extends Ec2Family {
    Ec2VpnGateways(World world) {
        super(world);
    }

    @Override
    void register(Map<String, Ec2Action> actions) {
        actions.put("CreateVpnGateway", (s, p, region, x) -> createVpnGateway(s, p, region, x));
        actions.put("AttachVpnGateway", (s, p, region, x) -> attachVpnGateway(s, p, region, x));
        actions.put("DescribeVpnGateways", (s, p, region, x) -> describeVpnGateways(s, p, region, x));
        actions.put("EnableVgwRoutePropagation", (s, p, region, x) -> enableVgwRoutePropagation(s, p, region, x));
        actions.put("DetachVpnGateway", (s, p, region, x) -> detachVpnGateway(s, p, region, x));
        actions.put("DeleteVpnGateway", (s, p, region, x) -> deleteVpnGateway(s, p, region, x));
    }

    private void createVpnGateway(AwsState s, Params p, String region, Xml x) {
        String type = p.required("Type");
        if (!type.equals("ipsec.1")) {
            throw Ec2Exception.invalidValue("Type", type);
        }
        Long asn = p.longValue("AmazonSideAsn");
        if (asn != null && !((asn >= 64512 && asn <= 65534) || (asn >= 4200000000L && asn <= 4294967294L))) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "The Amazon side ASN " + asn + " is not in a private range.");
        }
        Map<String, String> tags = tagsFromSpecs(p, "vpn-gateway");
        VpnGateway g = new VpnGateway();
        g.id = s.newId("vgw");
        g.region = region;
        if (asn != null) {
            g.amazonSideAsn = asn;
        }
        g.tags.putAll(tags);
        s.vpnGateways.put(g.id, g);
        world.events().record("aws", region, "vpnGateway.created", g.id);
        x.open("vpnGateway");
        renderVgw(g, x);
        x.close("vpnGateway");
    }

    private void attachVpnGateway(AwsState s, Params p, String region, Xml x) {
        VpnGateway g = vgw(s, p.required("VpnGatewayId"), region);
        String vpcId = p.required("VpcId");
        Vpc vpc = s.vpcs.get(vpcId);
        if (vpc == null || !vpc.region.equals(region)) {
            throw Ec2Exception.badRequest("InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist");
        }
        if (g.attachedVpcId != null && !g.attachedVpcId.equals(vpcId)) {
            throw Ec2Exception.badRequest("VpnGatewayAttachmentLimitExceeded", "The maximum number of VPC attachments for " + g.id + " has been reached.");
        }
        for (VpnGateway other : s.vpnGateways.values()) {
            if (other != g && vpcId.equals(other.attachedVpcId)) {
                throw Ec2Exception.badRequest("VpnGatewayAttachmentLimitExceeded", "The VPC " + vpcId + " already has a VPN gateway attached (" + other.id + ").");
            }
        }
        g.attachedVpcId = vpcId;
        g.attachmentState = "attached";
        world.events().record("aws", region, "vpnGateway.attached", g.id, "vpcId", vpcId);
        x.open("attachment").el("vpcId", vpcId).el("state", "attached").close("attachment");
    }

    private void describeVpnGateways(AwsState s, Params p, String region, Xml x) {
        List<VpnGateway> gws = selectByIds(s.vpnGateways, p.list("VpnGatewayId"), region, g -> g.region, "InvalidVpnGatewayID.NotFound", "vpnGateway");
        Map<String, Function<VpnGateway, List<String>>> known = new LinkedHashMap<>();
        known.put("vpn-gateway-id", g -> List.of(g.id));
        known.put("state", g -> List.of(g.state));
        known.put("attachment.vpc-id", g -> g.attachedVpcId == null ? List.of() : List.of(g.attachedVpcId));
        known.put("attachment.state", g -> g.attachmentState == null ? List.of() : List.of(g.attachmentState));
        x.open("vpnGatewaySet");
        for (VpnGateway g : filter(gws, p, known, g -> g.tags)) {
            x.open("item");
            renderVgw(g, x);
            x.close("item");
        }
        x.close("vpnGatewaySet");
    }

    private void detachVpnGateway(AwsState s, Params p, String region, Xml x) {
        VpnGateway g = vgw(s, p.required("VpnGatewayId"), region);
        String vpcId = p.required("VpcId");
        if (!vpcId.equals(g.attachedVpcId)) {
            throw Ec2Exception.badRequest("InvalidVpnGatewayAttachment.NotFound", "The attachment with vpn gateway ID '" + g.id
                + "' and vpc ID '" + vpcId + "' does not exist");
        }
        g.attachedVpcId = null;
        g.attachmentState = "detached";
        world.events().record("aws", region, "vpnGateway.detached", g.id, "vpcId", vpcId);
        x.el("return", true);
    }

    private void deleteVpnGateway(AwsState s, Params p, String region, Xml x) {
        VpnGateway g = vgw(s, p.required("VpnGatewayId"), region);
        if (g.attachedVpcId != null) {
            throw Ec2Exception.badRequest("IncorrectState", "The VPN gateway " + g.id + " is attached to " + g.attachedVpcId
                + "; detach it first.");
        }
        for (VpnConnection c : s.vpnConnections.values()) {
            if (g.id.equals(c.vpnGatewayId) && !"deleted".equals(c.state)) {
                throw Ec2Exception.badRequest("IncorrectState", "The VPN gateway " + g.id + " has VPN connection " + c.id + ".");
            }
        }
        g.state = "deleted";
        world.events().record("aws", region, "vpnGateway.deleted", g.id);
        x.el("return", true);
    }

    private void enableVgwRoutePropagation(AwsState s, Params p, String region, Xml x) {
        VpnGateway g = vgw(s, p.required("GatewayId"), region);
        String rtId = p.required("RouteTableId");
        RouteTable rt = s.routeTables.get(rtId);
        if (rt == null || !rt.region.equals(region)) {
            throw Ec2Exception.badRequest("InvalidRouteTableID.NotFound", "The routeTable ID '" + rtId + "' does not exist");
        }
        if (!rt.vpcId.equals(g.attachedVpcId)) {
            throw Ec2Exception.badRequest("Gateway.NotAttached", "resource " + g.id + " is not attached to network " + rt.vpcId);
        }
        rt.propagatingVgws.add(g.id);
        world.events().record("aws", region, "routePropagation.enabled", rt.id, "gatewayId", g.id);
        x.el("return", true);
    }
}

package io.skybridge.emulator.aws;

import io.skybridge.emulator.aws.AwsState.CustomerGateway;
import io.skybridge.emulator.aws.AwsState.VpnConnection;
import io.skybridge.emulator.world.Cidr;
import io.skybridge.emulator.world.World;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Customer gateways: create, describe, delete. */
final class Ec2CustomerGateways extends Ec2Family {
    Ec2CustomerGateways(World world) {
        super(world);
    }

    @Override
    void register(Map<String, Ec2Action> actions) {
        actions.put("CreateCustomerGateway", (s, p, region, x) -> createCustomerGateway(s, p, region, x));
        actions.put("DescribeCustomerGateways", (s, p, region, x) -> describeCustomerGateways(s, p, region, x));
        actions.put("DeleteCustomerGateway", (s, p, region, x) -> deleteCustomerGateway(s, p, region, x));
    }

    private void createCustomerGateway(AwsState s, Params p, String region, Xml x) {
        String type = p.required("Type");
        if (!type.equals("ipsec.1")) {
            throw Ec2Exception.invalidValue("Type", type);
        }
        String ip = p.get("IpAddress");
        if (ip == null) {
            ip = p.get("PublicIp");
        }
        if (ip == null) {
            throw Ec2Exception.missing("IpAddress");
        }
        if (!Cidr.isIp(ip)) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "Invalid value '" + ip + "' for IpAddress. The IP address is malformed.");
        }
        Long asn = p.longValue("BgpAsn");
        if (asn == null) {
            asn = 65000L;
        }
        if (asn < 1 || asn > 4294967294L) {
            throw Ec2Exception.invalidValue("BgpAsn", String.valueOf(asn));
        }
        CustomerGateway existing = null;
        for (CustomerGateway c : s.customerGateways.values()) {
            if (c.region.equals(region) && c.ipAddress.equals(ip) && c.bgpAsn == asn && "available".equals(c.state)) {
                existing = c;
            }
        }
        CustomerGateway c = existing;
        if (c == null) {
            c = new CustomerGateway();
            c.id = s.newId("cgw");
            c.region = region;
            c.ipAddress = ip;
            c.bgpAsn = asn;
            c.deviceName = p.get("DeviceName");
            c.tags.putAll(tagsFromSpecs(p, "customer-gateway"));
            s.customerGateways.put(c.id, c);
            world.events().record("aws", region, "customerGateway.created", c.id, "ipAddress", ip);
        }
        x.open("customerGateway");
        renderCgw(c, x);
        x.close("customerGateway");
    }

    private void describeCustomerGateways(AwsState s, Params p, String region, Xml x) {
        List<CustomerGateway> gws = selectByIds(s.customerGateways, p.list("CustomerGatewayId"), region, c -> c.region, "InvalidCustomerGatewayID.NotFound", "customerGateway");
        Map<String, Function<CustomerGateway, List<String>>> known = new LinkedHashMap<>();
        known.put("customer-gateway-id", c -> List.of(c.id));
        known.put("ip-address", c -> List.of(c.ipAddress));
        known.put("bgp-asn", c -> List.of(String.valueOf(c.bgpAsn)));
        known.put("state", c -> List.of(c.state));
        x.open("customerGatewaySet");
        for (CustomerGateway c : filter(gws, p, known, c -> c.tags)) {
            x.open("item");
            renderCgw(c, x);
            x.close("item");
        }
        x.close("customerGatewaySet");
    }

    private void deleteCustomerGateway(AwsState s, Params p, String region, Xml x) {
        String id = p.required("CustomerGatewayId");
        CustomerGateway c = s.customerGateways.get(id);
        if (c == null || !c.region.equals(region)) {
            throw Ec2Exception.badRequest("InvalidCustomerGatewayID.NotFound", "The customerGateway ID '" + id + "' does not exist");
        }
        for (VpnConnection v : s.vpnConnections.values()) {
            if (id.equals(v.customerGatewayId) && !"deleted".equals(v.state)) {
                throw Ec2Exception.badRequest("IncorrectState", "The customer gateway " + id + " is in use by " + v.id + ".");
            }
        }
        c.state = "deleted";
        world.events().record("aws", region, "customerGateway.deleted", id);
        x.el("return", true);
    }
}

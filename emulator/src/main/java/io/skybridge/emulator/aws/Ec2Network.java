package io.skybridge.emulator.aws;

import io.skybridge.emulator.aws.AwsState.RouteTable;
import io.skybridge.emulator.aws.AwsState.Subnet;
import io.skybridge.emulator.aws.AwsState.Tunnel;
import io.skybridge.emulator.aws.AwsState.Vpc;
import io.skybridge.emulator.aws.AwsState.VpnConnection;
import io.skybridge.emulator.gcp.GcpState;
import io.skybridge.emulator.world.World;
import io.skybridge.emulator.world.WorldSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** VPCs, subnets, route tables, availability zones, regions and instance types (read-only). */
final class Ec2Network extends Ec2Family {
    Ec2Network(World world) {
        super(world);
    }

    @Override
    void register(Map<String, Ec2Action> actions) {
        actions.put("DescribeVpcs", (s, p, region, x) -> describeVpcs(s, p, region, x));
        actions.put("DescribeSubnets", (s, p, region, x) -> describeSubnets(s, p, region, x));
        actions.put("DescribeAvailabilityZones", (s, p, region, x) -> describeZones(s, region, x));
        actions.put("DescribeRegions", (s, p, region, x) -> describeRegions(s, x));
        actions.put("DescribeInstanceTypes", (s, p, region, x) -> describeInstanceTypes(s, p, x));
        actions.put("DescribeRouteTables", (s, p, region, x) -> describeRouteTables(s, p, region, x));
    }

    // =========================================================== network catalogue

    private void describeVpcs(AwsState s, Params p, String region, Xml x) {
        List<Vpc> vpcs = selectByIds(s.vpcs, p.list("VpcId"), region, v -> v.region, "InvalidVpcID.NotFound", "vpc");
        Map<String, Function<Vpc, List<String>>> known = new LinkedHashMap<>();
        known.put("vpc-id", v -> List.of(v.id));
        known.put("cidr", v -> List.of(v.cidr));
        known.put("cidr-block-association.cidr-block", v -> List.of(v.cidr));
        known.put("is-default", v -> List.of(String.valueOf(v.isDefault)));
        known.put("state", v -> List.of("available"));
        known.put("owner-id", v -> List.of(s.accountId()));
        x.open("vpcSet");
        for (Vpc v : filter(vpcs, p, known, v -> v.tags)) {
            x.open("item").el("vpcId", v.id).el("ownerId", s.accountId()).el("state", "available").el("cidrBlock", v.cidr)
                .open("cidrBlockAssociationSet").open("item").el("cidrBlock", v.cidr).el("associationId", "vpc-cidr-assoc-" + v.id.substring(4))
                .open("cidrBlockState").el("state", "associated").close("cidrBlockState").close("item").close("cidrBlockAssociationSet")
                .el("dhcpOptionsId", "default").el("instanceTenancy", "default").el("isDefault", v.isDefault);
            renderTags(v.tags, x);
            x.close("item");
        }
        x.close("vpcSet");
    }

    private void describeSubnets(AwsState s, Params p, String region, Xml x) {
        List<Subnet> subnets = selectByIds(s.subnets, p.list("SubnetId"), region, sn -> sn.region, "InvalidSubnetID.NotFound", "subnet");
        Map<String, Function<Subnet, List<String>>> known = new LinkedHashMap<>();
        known.put("subnet-id", sn -> List.of(sn.id));
        known.put("vpc-id", sn -> List.of(sn.vpcId));
        known.put("availability-zone", sn -> List.of(sn.zone));
        known.put("cidr-block", sn -> List.of(sn.cidr));
        known.put("state", sn -> List.of("available"));
        known.put("map-public-ip-on-launch", sn -> List.of(String.valueOf(sn.mapPublicIpOnLaunch)));
        x.open("subnetSet");
        for (Subnet sn : filter(subnets, p, known, sn -> sn.tags)) {
            List<String> zones = s.zones(sn.region);
            x.open("item").el("subnetId", sn.id)
                .el("subnetArn", "arn:aws:ec2:" + sn.region + ":" + s.accountId() + ":subnet/" + sn.id)
                .el("state", "available").el("ownerId", s.accountId()).el("vpcId", sn.vpcId).el("cidrBlock", sn.cidr)
                .el("availableIpAddressCount", sn.pool.free()).el("availabilityZone", sn.zone)
                .el("availabilityZoneId", regionShort(sn.region) + "-az" + (zones.indexOf(sn.zone) + 1))
                .el("defaultForAz", false).el("mapPublicIpOnLaunch", sn.mapPublicIpOnLaunch);
            renderTags(sn.tags, x);
            x.close("item");
        }
        x.close("subnetSet");
    }

    private void describeZones(AwsState s, String region, Xml x) {
        x.open("availabilityZoneInfo");
        List<String> zones = s.zones(region);
        for (int n = 0; n < zones.size(); n++) {
            x.open("item").el("zoneName", zones.get(n)).el("zoneState", "available").el("regionName", region)
                .el("zoneId", regionShort(region) + "-az" + (n + 1)).el("zoneType", "availability-zone").close("item");
        }
        x.close("availabilityZoneInfo");
    }

    private void describeRegions(AwsState s, Xml x) {
        x.open("regionInfo");
        for (String r : s.spec.regions.keySet()) {
            x.open("item").el("regionName", r).el("regionEndpoint", "ec2." + r + ".amazonaws.com").el("optInStatus", "opt-in-not-required").close("item");
        }
        x.close("regionInfo");
    }

    private void describeInstanceTypes(AwsState s, Params p, Xml x) {
        List<String> names = p.list("InstanceType");
        List<WorldSpec.MachineType> types = new ArrayList<>();
        for (String n : names) {
            WorldSpec.MachineType mt = s.instanceType(n);
            if (mt == null) {
                throw Ec2Exception.badRequest("InvalidInstanceType", "The following supplied instance types do not exist: [" + n + "]");
            }
            types.add(mt);
        }
        if (names.isEmpty()) {
            types.addAll(s.instanceTypes().values());
        }
        x.open("instanceTypeSet");
        for (WorldSpec.MachineType mt : types) {
            int threads = mt.vcpus > 1 ? 2 : 1;
            x.open("item").el("instanceType", mt.name).el("currentGeneration", true)
                .open("vCpuInfo").el("defaultVCpus", mt.vcpus).el("defaultCores", mt.vcpus / threads).el("defaultThreadsPerCore", threads).close("vCpuInfo")
                .open("memoryInfo").el("sizeInMiB", mt.memoryMiB).close("memoryInfo")
                .el("hypervisor", "nitro").close("item");
        }
        x.close("instanceTypeSet");
    }

    private void describeRouteTables(AwsState s, Params p, String region, Xml x) {
        List<RouteTable> tables = selectByIds(s.routeTables, p.list("RouteTableId"), region, r -> r.region, "InvalidRouteTableID.NotFound", "route table");
        Map<String, Function<RouteTable, List<String>>> known = new LinkedHashMap<>();
        known.put("route-table-id", r -> List.of(r.id));
        known.put("vpc-id", r -> List.of(r.vpcId));
        known.put("association.main", r -> List.of("true"));
        x.open("routeTableSet");
        for (RouteTable rt : filter(tables, p, known, null)) {
            Vpc vpc = s.vpcs.get(rt.vpcId);
            x.open("item").el("routeTableId", rt.id).el("vpcId", rt.vpcId).el("ownerId", s.accountId())
                .open("routeSet").open("item").el("destinationCidrBlock", vpc.cidr).el("gatewayId", "local").el("state", "active")
                .el("origin", "CreateRouteTable").close("item");
            for (String vgw : rt.propagatingVgws) {
                for (String cidr : propagatedRoutes(s, vgw)) {
                    x.open("item").el("destinationCidrBlock", cidr).el("gatewayId", vgw).el("state", "active")
                        .el("origin", "EnableVgwRoutePropagation").close("item");
                }
            }
            x.close("routeSet").open("associationSet").open("item").el("routeTableAssociationId", "rtbassoc-" + rt.id.substring(4))
                .el("routeTableId", rt.id).el("main", true).open("associationState").el("state", "associated").close("associationState")
                .close("item").close("associationSet").open("propagatingVgwSet");
            for (String vgw : rt.propagatingVgws) {
                x.open("item").el("gatewayId", vgw).close("item");
            }
            x.close("propagatingVgwSet").open("tagSet").close("tagSet").close("item");
        }
        x.close("routeTableSet");
    }

    /** CIDRs learned over BGP through {@code vgwId}: the GCP subnetworks behind tunnels that are up. */
    private List<String> propagatedRoutes(AwsState s, String vgwId) {
        boolean anyUp = false;
        for (VpnConnection c : s.vpnConnections.values()) {
            if (vgwId.equals(c.vpnGatewayId) && "available".equals(c.state)) {
                for (Tunnel t : c.tunnels) {
                    anyUp |= t.up;
                }
            }
        }
        if (!anyUp) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        GcpState g = world.gcp();
        for (GcpState.Resource sub : g.all(g.project(), "subnetworks")) {
            out.add(sub.json.path("ipCidrRange").asText());
        }
        return out;
    }
}

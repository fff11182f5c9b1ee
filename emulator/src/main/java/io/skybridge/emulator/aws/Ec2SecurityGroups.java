package io.skybridge.emulator.aws;

import io.skybridge.emulator.aws.AwsState.SecurityGroup;
import io.skybridge.emulator.aws.AwsState.Vpc;
import io.skybridge.emulator.world.Cidr;
import io.skybridge.emulator.world.World;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** DescribeSecurityGroups, AuthorizeSecurityGroupIngress, RevokeSecurityGroupIngress. */
final class Ec2SecurityGroups extends Ec2Family {
    Ec2SecurityGroups(World world) {
        super(world);
    }

    @Override
    void register(Map<String, Ec2Action> actions) {
        actions.put("DescribeSecurityGroups", (s, p, region, x) -> describeSecurityGroups(s, p, region, x));
        actions.put("AuthorizeSecurityGroupIngress", (s, p, region, x) -> authorizeIngress(s, p, region, x));
        actions.put("RevokeSecurityGroupIngress", (s, p, region, x) -> revokeIngress(s, p, region, x));
    }

    private void describeSecurityGroups(AwsState s, Params p, String region, Xml x) {
        List<SecurityGroup> groups = selectByIds(s.securityGroups, p.list("GroupId"), region, g -> g.region, "InvalidGroup.NotFound", "security group");
        Map<String, Function<SecurityGroup, List<String>>> known = new LinkedHashMap<>();
        known.put("group-id", g -> List.of(g.id));
        known.put("group-name", g -> List.of(g.name));
        known.put("vpc-id", g -> List.of(g.vpcId));
        x.open("securityGroupInfo");
        for (SecurityGroup g : filter(groups, p, known, g -> g.tags)) {
            x.open("item").el("ownerId", s.accountId()).el("groupId", g.id).el("groupName", g.name)
                .el("groupDescription", g.description).el("vpcId", g.vpcId).open("ipPermissions");
            for (AwsState.Rule r : g.ingress) {
                x.open("item").el("ipProtocol", r.protocol()).el("fromPort", r.fromPort()).el("toPort", r.toPort())
                    .open("groups").close("groups").open("ipRanges").open("item").el("cidrIp", r.cidr()).el("description", r.description())
                    .close("item").close("ipRanges").close("item");
            }
            x.close("ipPermissions").open("ipPermissionsEgress").open("item").el("ipProtocol", "-1").open("groups").close("groups")
                .open("ipRanges").open("item").el("cidrIp", "0.0.0.0/0").close("item").close("ipRanges").close("item").close("ipPermissionsEgress");
            renderTags(g.tags, x);
            x.close("item");
        }
        x.close("securityGroupInfo");
    }

    private void authorizeIngress(AwsState s, Params p, String region, Xml x) {
        String groupId = p.get("GroupId");
        SecurityGroup sg = null;
        if (groupId != null) {
            sg = s.securityGroups.get(groupId);
            if (sg == null || !sg.region.equals(region)) {
                throw Ec2Exception.badRequest("InvalidGroup.NotFound", "The security group '" + groupId + "' does not exist");
            }
        } else {
            String name = p.get("GroupName");
            if (name == null) {
                throw Ec2Exception.missing("GroupId");
            }
            for (SecurityGroup g : s.securityGroups.values()) {
                Vpc v = s.vpcs.get(g.vpcId);
                if (g.name.equals(name) && g.region.equals(region) && v != null && v.isDefault) {
                    sg = g;
                }
            }
            if (sg == null) {
                throw Ec2Exception.badRequest("InvalidGroup.NotFound", "The security group '" + name + "' does not exist in default VPC");
            }
        }
        List<AwsState.Rule> rules = new ArrayList<>();
        List<Params> perms = p.structs("IpPermissions");
        if (perms.isEmpty() && p.get("IpProtocol") != null) {
            perms = List.of(new Params(Map.of("IpProtocol", p.get("IpProtocol"),
                "FromPort", String.valueOf(p.raw().getOrDefault("FromPort", "")),
                "ToPort", String.valueOf(p.raw().getOrDefault("ToPort", "")),
                "IpRanges.1.CidrIp", p.required("CidrIp"))));
        }
        if (perms.isEmpty()) {
            throw Ec2Exception.missing("IpPermissions");
        }
        for (Params perm : perms) {
            String proto = perm.required("IpProtocol").toLowerCase(Locale.ROOT);
            if (!Set.of("tcp", "udp", "icmp", "-1", "all").contains(proto) && !proto.matches("\\d{1,3}")) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "Invalid value '" + proto + "' for IP protocol. Unknown protocol.");
            }
            if (proto.equals("all")) {
                proto = "-1";
            }
            Integer from = perm.integer("FromPort");
            Integer to = perm.integer("ToPort");
            if ((proto.equals("tcp") || proto.equals("udp"))) {
                if (from == null || to == null) {
                    throw Ec2Exception.badRequest("InvalidParameterValue", "Invalid value for portRange. Must specify both from and to ports with TCP/UDP.");
                }
                if (from < 0 || to > 65535 || from > to) {
                    throw Ec2Exception.badRequest("InvalidParameterValue", "Invalid TCP/UDP port range " + from + "-" + to + ".");
                }
            }
            List<Params> ranges = perm.structs("IpRanges");
            if (ranges.isEmpty()) {
                throw Ec2Exception.missing("IpRanges");
            }
            for (Params range : ranges) {
                String cidr = range.required("CidrIp");
                try {
                    Cidr.parse(cidr);
                } catch (IllegalArgumentException e) {
                    throw Ec2Exception.badRequest("InvalidParameterValue", "CIDR block " + cidr + " is malformed");
                }
                rules.add(new AwsState.Rule(s.newId("sgr"), proto, proto.equals("-1") ? null : from, proto.equals("-1") ? null : to, cidr, range.get("Description")));
            }
        }
        for (AwsState.Rule r : rules) {
            for (AwsState.Rule existing : sg.ingress) {
                if (existing.sameAs(r)) {
                    throw Ec2Exception.badRequest("InvalidPermission.Duplicate", "the specified rule \"peer: " + r.cidr() + ", " + r.protocol().toUpperCase(Locale.ROOT)
                        + ", from port: " + r.fromPort() + ", to port: " + r.toPort() + ", ALLOW\" already exists");
                }
            }
        }
        sg.ingress.addAll(rules);
        world.events().record("aws", region, "securityGroup.ingressAuthorized", sg.id, "rules", rules.size());
        x.el("return", true).open("securityGroupRuleSet");
        for (AwsState.Rule r : rules) {
            x.open("item").el("securityGroupRuleId", r.ruleId()).el("groupId", sg.id).el("groupOwnerId", s.accountId())
                .el("isEgress", false).el("ipProtocol", r.protocol()).el("fromPort", r.fromPort() == null ? -1 : r.fromPort())
                .el("toPort", r.toPort() == null ? -1 : r.toPort()).el("cidrIpv4", r.cidr()).el("description", r.description()).close("item");
        }
        x.close("securityGroupRuleSet");
    }

    /** Removes the ingress rules matching protocol and CIDR (ports too for tcp/udp). */
    private void revokeIngress(AwsState s, Params p, String region, Xml x) {
        String groupId = p.required("GroupId");
        SecurityGroup sg = s.securityGroups.get(groupId);
        if (sg == null || !sg.region.equals(region)) {
            throw Ec2Exception.badRequest("InvalidGroup.NotFound", "The security group '" + groupId + "' does not exist");
        }
        int removed = 0;
        for (Params perm : p.structs("IpPermissions")) {
            String proto = perm.required("IpProtocol").toLowerCase(Locale.ROOT);
            String protocol = proto.equals("all") ? "-1" : proto;
            Integer from = perm.integer("FromPort");
            Integer to = perm.integer("ToPort");
            for (Params range : perm.structs("IpRanges")) {
                String cidr = range.required("CidrIp");
                boolean gone = sg.ingress.removeIf(r -> r.protocol().equals(protocol) && r.cidr().equals(cidr)
                    && (protocol.equals("-1") || java.util.Objects.equals(r.fromPort(), from) && java.util.Objects.equals(r.toPort(), to)));
                if (!gone) {
                    throw Ec2Exception.badRequest("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
                }
                removed++;
            }
        }
        world.events().record("aws", region, "securityGroup.ingressRevoked", sg.id, "rules", removed);
        x.el("return", true);
    }
}

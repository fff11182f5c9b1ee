package io.skybridge.emulator.aws;

import io.skybridge.emulator.world.World;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EC2 Query API: a dispatch table from {@code Action} to the family that implements it (instances, tags, network,
 * security groups, VPN gateways, customer gateways, VPN connections; see emulator/README.md). Every call runs under
 * the world's lock and answers {@code <Action>Response}.
 */
public final class Ec2Api {
    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    /** Actions this emulator implements. */
    public static final Set<String> ACTIONS = Set.of("RevokeSecurityGroupIngress", "DetachVpnGateway", "DeleteVpnGateway",
        "DeleteCustomerGateway", "RunInstances", "DescribeInstances", "TerminateInstances", "StopInstances", "StartInstances", "CreateTags",
        "DeleteTags", "DescribeInstanceAttribute", "DescribeVpcs", "DescribeSubnets", "DescribeAvailabilityZones",
        "DescribeRegions", "DescribeInstanceTypes", "DescribeRouteTables", "DescribeSecurityGroups", "CreateVpnGateway",
        "AttachVpnGateway", "DescribeVpnGateways", "CreateCustomerGateway", "DescribeCustomerGateways", "CreateVpnConnection",
        "DescribeVpnConnections", "DeleteVpnConnection", "EnableVgwRoutePropagation", "AuthorizeSecurityGroupIngress");

    /** Instance tag that makes the VM's kubelet never register a Node (tests of join timeouts). */
    public static final String NEVER_JOIN_TAG = "skybridge:never-join";

    /** Actions that launch capacity (subject to injected capacity errors). */
    public static boolean isCreate(String action) {
        return "RunInstances".equals(action);
    }

    private final World world;
    private final Map<String, Ec2Family.Ec2Action> actions = new HashMap<>();

    public Ec2Api(World world) {
        this.world = world;
        for (Ec2Family family : List.of(new Ec2InstanceLaunch(world), new Ec2Instances(world), new Ec2Tags(world),
                new Ec2Network(world), new Ec2SecurityGroups(world), new Ec2VpnGateways(world),
                new Ec2CustomerGateways(world), new Ec2VpnConnections(world))) {
            family.register(actions);
        }
        if (!actions.keySet().equals(ACTIONS)) {
            throw new IllegalStateException("EC2 actions registered " + actions.keySet() + " differ from " + ACTIONS);
        }
    }

    /**
     * Executes one call.
     *
     * @return the XML response body
     * @throws Ec2Exception for any EC2 error
     */
    public String handle(String action, Map<String, String> rawParams, String region, String requestId) {
        Params p = new Params(rawParams);
        if (action == null) {
            throw Ec2Exception.badRequest("MissingAction", "The request must contain the parameter Action");
        }
        if (!ACTIONS.contains(action)) {
            throw Ec2Exception.badRequest("InvalidAction", "The action " + action + " is not valid for this web service.");
        }
        return world.locked(() -> {
            AwsState s = world.aws();
            if (!s.knowsRegion(region)) {
                throw new Ec2Exception(401, "AuthFailure", "AWS was not able to validate the provided access credentials (unknown region " + region + ").");
            }
            Xml x = new Xml(4096);
            x.openNs(action + "Response", NS).el("requestId", requestId);
            actions.get(action).run(s, p, region, x);
            return x.close(action + "Response").toString();
        });
    }
}

package io.skybridge.emulator.aws;

import io.skybridge.emulator.aws.AwsState.CustomerGateway;
import io.skybridge.emulator.aws.AwsState.Instance;
import io.skybridge.emulator.aws.AwsState.InstanceState;
import io.skybridge.emulator.aws.AwsState.Reservation;
import io.skybridge.emulator.aws.AwsState.RouteTable;
import io.skybridge.emulator.aws.AwsState.SecurityGroup;
import io.skybridge.emulator.aws.AwsState.Subnet;
import io.skybridge.emulator.aws.AwsState.Tunnel;
import io.skybridge.emulator.aws.AwsState.Vpc;
import io.skybridge.emulator.aws.AwsState.VpnConnection;
import io.skybridge.emulator.aws.AwsState.VpnGateway;
import io.skybridge.emulator.gcp.GcpState;
import io.skybridge.emulator.world.Cidr;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.emulator.world.World;
import io.skybridge.emulator.world.WorldSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The EC2 Query API: one method per supported {@code Action}. */
public final class Ec2Api {
    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern AMI_ID = Pattern.compile("ami-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern PSK = Pattern.compile("[A-Za-z1-9._][A-Za-z0-9._]{7,63}");
    private static final long TERMINATED_VISIBLE_MILLIS = 3_600_000;

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

    public Ec2Api(World world) {
        this.world = world;
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
            switch (action) {
                case "RunInstances" -> runInstances(s, p, region, x);
                case "DescribeInstances" -> describeInstances(s, p, region, x);
                case "TerminateInstances" -> terminateInstances(s, p, region, x);
                case "StopInstances" -> stopStart(s, p, region, x, true);
                case "StartInstances" -> stopStart(s, p, region, x, false);
                case "CreateTags" -> createTags(s, p, region, x, false);
                case "DeleteTags" -> createTags(s, p, region, x, true);
                case "DescribeInstanceAttribute" -> describeInstanceAttribute(s, p, region, x);
                case "DescribeVpcs" -> describeVpcs(s, p, region, x);
                case "DescribeSubnets" -> describeSubnets(s, p, region, x);
                case "DescribeAvailabilityZones" -> describeZones(s, region, x);
                case "DescribeRegions" -> describeRegions(s, x);
                case "DescribeInstanceTypes" -> describeInstanceTypes(s, p, x);
                case "DescribeRouteTables" -> describeRouteTables(s, p, region, x);
                case "DescribeSecurityGroups" -> describeSecurityGroups(s, p, region, x);
                case "CreateVpnGateway" -> createVpnGateway(s, p, region, x);
                case "AttachVpnGateway" -> attachVpnGateway(s, p, region, x);
                case "DescribeVpnGateways" -> describeVpnGateways(s, p, region, x);
                case "CreateCustomerGateway" -> createCustomerGateway(s, p, region, x);
                case "DescribeCustomerGateways" -> describeCustomerGateways(s, p, region, x);
                case "CreateVpnConnection" -> createVpnConnection(s, p, region, x);
                case "DescribeVpnConnections" -> describeVpnConnections(s, p, region, x);
                case "DeleteVpnConnection" -> deleteVpnConnection(s, p, region, x);
                case "EnableVgwRoutePropagation" -> enableVgwRoutePropagation(s, p, region, x);
                case "AuthorizeSecurityGroupIngress" -> authorizeIngress(s, p, region, x);
                case "RevokeSecurityGroupIngress" -> revokeIngress(s, p, region, x);
                case "DetachVpnGateway" -> detachVpnGateway(s, p, region, x);
                case "DeleteVpnGateway" -> deleteVpnGateway(s, p, region, x);
                case "DeleteCustomerGateway" -> deleteCustomerGateway(s, p, region, x);
                default -> throw Ec2Exception.badRequest("InvalidAction", "The action " + action + " is not valid for this web service.");
            }
            return x.close(action + "Response").toString();
        });
    }

    private long now() {
        return world.clock().millis();
    }

    private static String ts(long millis) {
        return TS.format(Instant.ofEpochMilli(millis));
    }

    // =========================================================== instances

    private void runInstances(AwsState s, Params p, String region, Xml x) {
        String token = p.get("ClientToken");
        if (token != null && token.length() > 64) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "Value (" + token + ") for parameter clientToken is invalid. Length exceeds 64.");
        }
        String fingerprint = fingerprint(p);
        String tokenKey = region + "\u0000" + token;
        if (token != null) {
            AwsState.TokenEntry prior = s.clientTokens.get(tokenKey);
            if (prior != null) {
                if (!prior.fingerprint().equals(fingerprint)) {
                    throw Ec2Exception.badRequest("IdempotentParameterMismatch",
                        "The client token you have provided is associated with a resource that is already deleted or has different parameters. Please use a different client token.");
                }
                renderReservation(s, s.reservations.get(prior.reservationId()), x, false);
                return;
            }
        }
        String imageId = p.required("ImageId");
        if (!AMI_ID.matcher(imageId).matches()) {
            throw Ec2Exception.badRequest("InvalidAMIID.Malformed", "Invalid id: \"" + imageId + "\" (expecting \"ami-...\")");
        }
        Integer min = p.integer("MinCount");
        Integer max = p.integer("MaxCount");
        if (min == null) {
            throw Ec2Exception.missing("MinCount");
        }
        if (max == null) {
            throw Ec2Exception.missing("MaxCount");
        }
        if (min < 1 || max < 1) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "Value (" + Math.min(min, max) + ") for parameter minCount/maxCount is invalid. Expected a positive integer.");
        }
        if (min > max) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "Value (" + min + ") for parameter minCount is invalid. Expected a value less than or equal to maxCount (" + max + ").");
        }
        if (max > 1000) {
            throw Ec2Exception.badRequest("InstanceLimitExceeded", "You have requested more instances (" + max + ") than your current instance limit of 1000 allows for the specified instance type.");
        }
        String type = p.get("InstanceType");
        if (type == null) {
            type = s.instanceTypes().containsKey("m1.small") ? "m1.small" : s.instanceTypes().keySet().iterator().next();
        }
        WorldSpec.MachineType mt = s.instanceType(type);
        if (mt == null) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "Invalid value '" + type + "' for InstanceType.");
        }
        List<Params> nics = p.structs("NetworkInterface");
        Params nic0 = nics.isEmpty() ? null : nics.get(0);
        String subnetId = p.get("SubnetId");
        if (subnetId == null && nic0 != null) {
            subnetId = nic0.get("SubnetId");
        }
        String az = p.get("Placement.AvailabilityZone");
        Subnet subnet;
        if (subnetId != null) {
            subnet = s.subnets.get(subnetId);
            if (subnet == null || !subnet.region.equals(region)) {
                throw Ec2Exception.badRequest("InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist");
            }
            if (az != null && !az.equals(subnet.zone)) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "Value (" + az + ") for parameter availabilityZone is invalid. Subnet " + subnetId + " is in " + subnet.zone + ".");
            }
        } else {
            Vpc def = null;
            for (Vpc v : s.vpcs.values()) {
                if (v.region.equals(region) && v.isDefault) {
                    def = v;
                    break;
                }
            }
            if (def == null) {
                throw Ec2Exception.badRequest("VPCIdNotSpecified", "No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.");
            }
            if (az != null && (s.zones(region) == null || !s.zones(region).contains(az))) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "Invalid availability zone: [" + az + "]");
            }
            subnet = null;
            for (Subnet sn : s.subnets.values()) {
                if (sn.vpcId.equals(def.id) && (az == null || sn.zone.equals(az))) {
                    subnet = sn;
                    break;
                }
            }
            if (subnet == null) {
                throw Ec2Exception.badRequest("InvalidSubnetID.NotFound", "No subnet of the default VPC in " + (az == null ? region : az));
            }
        }
        Vpc vpc = s.vpcs.get(subnet.vpcId);
        List<String> groups = new ArrayList<>(p.list("SecurityGroupId"));
        if (nic0 != null) {
            groups.addAll(nic0.list("SecurityGroupId"));
        }
        for (String g : groups) {
            SecurityGroup sg = s.securityGroups.get(g);
            if (sg == null || !sg.vpcId.equals(vpc.id)) {
                throw Ec2Exception.badRequest("InvalidGroup.NotFound", "The security group '" + g + "' does not exist in VPC '" + vpc.id + "'");
            }
        }
        if (groups.isEmpty()) {
            groups.add(vpc.defaultSecurityGroupId);
        }
        String userData = p.get("UserData");
        if (userData != null) {
            byte[] raw;
            try {
                raw = Base64.getMimeDecoder().decode(userData);
            } catch (IllegalArgumentException e) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "Invalid BASE64 encoding of user data.");
            }
            if (raw.length > 16384) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "User data is limited to 16384 bytes");
            }
        }
        String httpTokens = p.get("MetadataOptions.HttpTokens");
        if (httpTokens != null && !Set.of("optional", "required").contains(httpTokens)) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "Invalid value '" + httpTokens + "' for HttpTokens.");
        }
        String hopLimit = p.get("MetadataOptions.HttpPutResponseHopLimit");
        int hops;
        try {
            hops = hopLimit == null ? 1 : Integer.parseInt(hopLimit);
        } catch (NumberFormatException e) {
            hops = -1;
        }
        if (hops < 1 || hops > 64) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "Invalid value '" + hopLimit
                + "' for HttpPutResponseHopLimit. Valid values are 1 through 64.");
        }
        String httpEndpoint = p.get("MetadataOptions.HttpEndpoint");
        if (httpEndpoint != null && !Set.of("enabled", "disabled").contains(httpEndpoint)) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "Invalid value '" + httpEndpoint + "' for HttpEndpoint.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params spec : p.structs("TagSpecification")) {
            String rt = spec.required("ResourceType");
            if (!Set.of("instance", "volume", "network-interface").contains(rt)) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "'" + rt + "' is not a valid taggable resource type for this operation.");
            }
            if (rt.equals("instance")) {
                tags.putAll(tagList(spec.structs("Tag")));
            }
        }
        boolean publicIp = subnet.mapPublicIpOnLaunch;
        if (nic0 != null && nic0.bool("AssociatePublicIpAddress") != null) {
            publicIp = nic0.bool("AssociatePublicIpAddress");
        }
        if (world.rollQuotaFailure(Cloud.AWS)) {
            world.events().record("aws", region, "fault.quota", null, "action", "RunInstances", "instanceType", type);
            throw Ec2Exception.badRequest("InstanceLimitExceeded", "You have requested more instances (" + max
                + ") than your current instance limit of 0 allows for the specified instance type. Please visit"
                + " http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.");
        }
        if (world.rollCapacityFailure(Cloud.AWS, subnet.zone)) {
            List<String> others = new ArrayList<>(s.zones(region));
            others.remove(subnet.zone);
            world.events().record("aws", region, "fault.capacity", null, "action", "RunInstances", "instanceType", type,
                "zone", subnet.zone);
            throw new Ec2Exception(500, "InsufficientInstanceCapacity", "We currently do not have sufficient " + type
                + " capacity in the Availability Zone you requested (" + subnet.zone + "). Our system will be working on provisioning additional capacity. You can currently get "
                + type + " capacity by not specifying an Availability Zone in your request or choosing " + String.join(", ", others) + ".");
        }
        int count = Math.min(max, subnet.pool.free());
        if (count < min) {
            throw Ec2Exception.badRequest("InsufficientFreeAddressesInSubnet", "The specified subnet " + subnet.id + " does not have enough free addresses to satisfy the request.");
        }
        boolean neverJoin = world.neverJoin(Cloud.AWS) || "true".equalsIgnoreCase(tags.get(NEVER_JOIN_TAG));
        Reservation r = new Reservation();
        r.id = s.newId("r");
        r.region = region;
        s.reservations.put(r.id, r);
        long now = now();
        for (int n = 0; n < count; n++) {
            Instance i = new Instance();
            i.id = s.newId("i");
            i.seq = ++s.instanceSeq;
            i.reservationId = r.id;
            i.region = region;
            i.zone = subnet.zone;
            i.vpcId = vpc.id;
            i.subnetId = subnet.id;
            i.imageId = imageId;
            i.instanceType = type;
            i.keyName = p.get("KeyName");
            i.userData = userData;
            i.httpTokens = httpTokens == null ? "optional" : httpTokens;
            i.httpPutResponseHopLimit = hops;
            i.httpEndpoint = httpEndpoint == null ? "enabled" : httpEndpoint;
            i.clientToken = token;
            i.launchIndex = n;
            i.launchTime = now;
            i.readyAt = now + world.bootDelayMillis();
            i.privateIp = subnet.pool.allocate();
            i.publicIp = publicIp ? s.publicIps.allocate() : null;
            i.securityGroupIds = new ArrayList<>(groups);
            i.tags.putAll(tags);
            i.neverJoin = neverJoin;
            s.instances.put(i.id, i);
            s.transitioning.add(i);
            r.instanceIds.add(i.id);
            world.events().record("aws", region, "instance.launched", i.id, "instanceType", type, "zone", i.zone,
                "privateIp", i.privateIp, "publicIp", i.publicIp, "clientToken", token);
        }
        if (token != null) {
            s.clientTokens.put(tokenKey, new AwsState.TokenEntry(r.id, fingerprint));
        }
        renderReservation(s, r, x, false);
    }

    private static String fingerprint(Params p) {
        TreeMap<String, String> sorted = new TreeMap<>(p.raw());
        sorted.remove("ClientToken");
        sorted.remove("Action");
        sorted.remove("Version");
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return Base64.getEncoder().encodeToString(md.digest(sorted.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void renderReservation(AwsState s, Reservation r, Xml x, boolean asItem) {
        if (asItem) {
            x.open("item");
        }
        x.el("reservationId", r.id).el("ownerId", s.accountId()).open("groupSet").close("groupSet").open("instancesSet");
        for (String id : r.instanceIds) {
            renderInstance(s, s.instances.get(id), x);
        }
        x.close("instancesSet");
        if (asItem) {
            x.close("item");
        }
    }

    private void renderInstance(AwsState s, Instance i, Xml out) {
        long key = ((long) i.state.ordinal() << 48) ^ ((long) i.tags.hashCode() << 16) ^ java.util.Objects.hash(i.publicIp, i.stateReason);
        if (i.xml == null || i.xmlKey != key) {
            Xml x = new Xml(1400);
            renderInstanceUncached(s, i, x);
            i.xml = x.toString();
            i.xmlKey = key;
        }
        out.raw(i.xml);
    }

    private void renderInstanceUncached(AwsState s, Instance i, Xml x) {
        x.open("item").el("instanceId", i.id).el("imageId", i.imageId)
            .open("instanceState").el("code", i.state.code).el("name", i.state.id).close("instanceState");
        boolean gone = i.state == InstanceState.TERMINATED;
        x.el("privateDnsName", gone ? "" : "ip-" + i.privateIp.replace('.', '-') + (i.region.equals("us-east-1") ? ".ec2.internal" : "." + i.region + ".compute.internal"));
        x.el("dnsName", i.publicIp == null ? "" : "ec2-" + i.publicIp.replace('.', '-') + ".compute-1.amazonaws.com");
        x.el("reason", i.stateReason == null ? null : "User initiated (" + ts(Math.max(i.terminatedAt, i.stoppedAt)) + ")");
        x.el("keyName", i.keyName).el("amiLaunchIndex", i.launchIndex).el("instanceType", i.instanceType)
            .el("launchTime", ts(i.launchTime))
            .open("placement").el("availabilityZone", i.zone).el("tenancy", "default").close("placement")
            .open("monitoring").el("state", "disabled").close("monitoring");
        if (!gone) {
            x.el("subnetId", i.subnetId).el("vpcId", i.vpcId).el("privateIpAddress", i.privateIp).el("ipAddress", i.publicIp);
        }
        x.el("sourceDestCheck", true).open("groupSet");
        for (String g : i.securityGroupIds) {
            SecurityGroup sg = s.securityGroups.get(g);
            x.open("item").el("groupId", g).el("groupName", sg == null ? null : sg.name).close("item");
        }
        x.close("groupSet");
        if (i.stateReason != null) {
            x.open("stateReason").el("code", "Client.UserInitiatedShutdown").el("message", i.stateReason).close("stateReason");
        }
        x.el("architecture", "x86_64").el("rootDeviceType", "ebs").el("rootDeviceName", "/dev/xvda")
            .el("virtualizationType", "hvm").el("clientToken", i.clientToken);
        x.open("metadataOptions").el("state", "applied").el("httpTokens", i.httpTokens)
            .el("httpPutResponseHopLimit", i.httpPutResponseHopLimit).el("httpEndpoint", i.httpEndpoint)
            .close("metadataOptions");
        renderTags(i.tags, x);
        WorldSpec.MachineType mt = s.instanceType(i.instanceType);
        x.el("hypervisor", "xen").el("ebsOptimized", false);
        if (mt != null) {
            int threads = mt.vcpus > 1 ? 2 : 1;
            x.open("cpuOptions").el("coreCount", mt.vcpus / threads).el("threadsPerCore", threads).close("cpuOptions");
        }
        x.close("item");
    }

    private static void renderTags(Map<String, String> tags, Xml x) {
        x.open("tagSet");
        for (Map.Entry<String, String> t : tags.entrySet()) {
            x.open("item").el("key", t.getKey()).el("value", t.getValue()).close("item");
        }
        x.close("tagSet");
    }

    private static Map<String, String> tagList(List<Params> tagStructs) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params t : tagStructs) {
            String k = t.get("Key");
            if (k == null) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "Tag keys must not be empty.");
            }
            if (k.length() > 128) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "Tag key exceeds the maximum length of 128 characters.");
            }
            if (k.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use");
            }
            String v = t.raw().getOrDefault("Value", "");
            if (v.length() > 256) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "Tag value exceeds the maximum length of 256 characters.");
            }
            tags.put(k, v);
        }
        if (tags.size() > 50) {
            throw Ec2Exception.badRequest("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.");
        }
        return tags;
    }

    private boolean visible(Instance i, long now) {
        return i.state != InstanceState.TERMINATED || now - i.terminatedAt < TERMINATED_VISIBLE_MILLIS;
    }

    private Map<String, Function<Instance, List<String>>> instanceFilters() {
        Map<String, Function<Instance, List<String>>> f = new LinkedHashMap<>();
        f.put("instance-id", i -> List.of(i.id));
        f.put("instance-state-name", i -> List.of(i.state.id));
        f.put("instance-state-code", i -> List.of(String.valueOf(i.state.code)));
        f.put("instance-type", i -> List.of(i.instanceType));
        f.put("image-id", i -> List.of(i.imageId));
        f.put("subnet-id", i -> List.of(i.subnetId));
        f.put("vpc-id", i -> List.of(i.vpcId));
        f.put("availability-zone", i -> List.of(i.zone));
        f.put("reservation-id", i -> List.of(i.reservationId));
        f.put("private-ip-address", i -> i.privateIp == null ? List.of() : List.of(i.privateIp));
        f.put("ip-address", i -> i.publicIp == null ? List.of() : List.of(i.publicIp));
        f.put("client-token", i -> i.clientToken == null ? List.of() : List.of(i.clientToken));
        f.put("key-name", i -> i.keyName == null ? List.of() : List.of(i.keyName));
        f.put("tag-key", i -> new ArrayList<>(i.tags.keySet()));
        f.put("tag-value", i -> new ArrayList<>(i.tags.values()));
        return f;
    }

    /** Applies {@code Filter.N.Name / Filter.N.Value.M}: AND across filters, OR across a filter's values, * and ? wildcards. */
    private static <T> List<T> filter(List<T> items, Params p, Map<String, Function<T, List<String>>> known, Function<T, Map<String, String>> tags) {
        List<Params> filters = p.structs("Filter");
        if (filters.isEmpty()) {
            return items;
        }
        List<Function<T, Boolean>> preds = new ArrayList<>();
        for (Params f : filters) {
            String name = f.get("Name");
            if (name == null) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "The filter 'null' is invalid");
            }
            List<Pattern> values = new ArrayList<>();
            for (String v : f.list("Value")) {
                values.add(wildcard(v));
            }
            if (values.isEmpty()) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "The filter '" + name + "' requires at least one value");
            }
            Function<T, List<String>> getter;
            if (name.startsWith("tag:") && tags != null) {
                String key = name.substring(4);
                getter = t -> {
                    String v = tags.apply(t).get(key);
                    return v == null ? List.of() : List.of(v);
                };
            } else {
                getter = known.get(name);
                if (getter == null) {
                    throw Ec2Exception.badRequest("InvalidParameterValue", "The filter '" + name + "' is invalid");
                }
            }
            Function<T, List<String>> g = getter;
            preds.add(t -> {
                for (String actual : g.apply(t)) {
                    for (Pattern v : values) {
                        if (v.matcher(actual).matches()) {
                            return true;
                        }
                    }
                }
                return false;
            });
        }
        List<T> out = new ArrayList<>();
        for (T t : items) {
            boolean ok = true;
            for (Function<T, Boolean> pr : preds) {
                if (!pr.apply(t)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                out.add(t);
            }
        }
        return out;
    }

    private static Pattern wildcard(String v) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                re.append(Pattern.quote(String.valueOf(v.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static void notFound(String code, String what, List<String> missing) {
        if (!missing.isEmpty()) {
            throw Ec2Exception.badRequest(code, missing.size() == 1
                ? "The " + what + " ID '" + missing.get(0) + "' does not exist"
                : "The " + what + " IDs '" + String.join(", ", missing) + "' do not exist");
        }
    }

    private List<Instance> lookupInstances(AwsState s, List<String> ids, String region) {
        List<Instance> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (!INSTANCE_ID.matcher(id).matches()) {
                throw Ec2Exception.badRequest("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
            }
            Instance i = s.instances.get(id);
            if (i == null || !i.region.equals(region) || !visible(i, now())) {
                missing.add(id);
            } else {
                out.add(i);
            }
        }
        notFound("InvalidInstanceID.NotFound", "instance", missing);
        return out;
    }

    private void describeInstances(AwsState s, Params p, String region, Xml x) {
        List<String> ids = p.list("InstanceId");
        Integer maxResults = p.integer("MaxResults");
        String nextToken = p.get("NextToken");
        if (maxResults != null && !ids.isEmpty()) {
            throw Ec2Exception.badRequest("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        if (maxResults != null && (maxResults < 5 || maxResults > 1000)) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "Value ( " + maxResults + " ) for parameter maxResults is invalid. Expecting a value greater than 5.");
        }
        long after = 0;
        if (nextToken != null) {
            after = decodeToken(nextToken);
        }
        long now = now();
        List<Instance> candidates;
        if (!ids.isEmpty()) {
            candidates = lookupInstances(s, ids, region);
        } else {
            candidates = new ArrayList<>();
            for (Instance i : s.instances.values()) {
                if (i.region.equals(region) && i.seq > after && visible(i, now)) {
                    candidates.add(i);
                }
            }
        }
        List<Instance> matched = filter(candidates, p, instanceFilters(), i -> i.tags);
        String token = null;
        if (maxResults != null && matched.size() > maxResults) {
            matched = matched.subList(0, maxResults);
            token = encodeToken(matched.get(matched.size() - 1).seq);
        }
        Map<String, List<Instance>> byReservation = new LinkedHashMap<>();
        for (Instance i : matched) {
            byReservation.computeIfAbsent(i.reservationId, k -> new ArrayList<>()).add(i);
        }
        x.open("reservationSet");
        for (Map.Entry<String, List<Instance>> e : byReservation.entrySet()) {
            x.open("item").el("reservationId", e.getKey()).el("ownerId", s.accountId()).open("groupSet").close("groupSet").open("instancesSet");
            for (Instance i : e.getValue()) {
                renderInstance(s, i, x);
            }
            x.close("instancesSet").close("item");
        }
        x.close("reservationSet");
        x.el("nextToken", token);
    }

    private static String encodeToken(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("skybridge:" + seq).getBytes(StandardCharsets.UTF_8));
    }

    private static long decodeToken(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!s.startsWith("skybridge:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(s.substring("skybridge:".length()));
        } catch (IllegalArgumentException e) {
            throw Ec2Exception.badRequest("InvalidPaginationToken", "The specified pagination token is not valid");
        }
    }

    private void terminateInstances(AwsState s, Params p, String region, Xml x) {
        List<String> ids = p.list("InstanceId");
        if (ids.isEmpty()) {
            throw Ec2Exception.missing("InstanceId");
        }
        List<Instance> found = lookupInstances(s, ids, region);
        long now = now();
        x.open("instancesSet");
        for (Instance i : found) {
            InstanceState prev = i.state;
            if (prev != InstanceState.SHUTTING_DOWN && prev != InstanceState.TERMINATED) {
                s.setState(i, InstanceState.SHUTTING_DOWN, world.events());
                i.terminatedAt = now + world.shutdownDelayMillis();
                s.transitioning.add(i);
            }
            x.open("item").el("instanceId", i.id)
                .open("currentState").el("code", i.state.code).el("name", i.state.id).close("currentState")
                .open("previousState").el("code", prev.code).el("name", prev.id).close("previousState")
                .close("item");
        }
        x.close("instancesSet");
    }

    private void stopStart(AwsState s, Params p, String region, Xml x, boolean stop) {
        List<String> ids = p.list("InstanceId");
        if (ids.isEmpty()) {
            throw Ec2Exception.missing("InstanceId");
        }
        List<Instance> found = lookupInstances(s, ids, region);
        for (Instance i : found) {
            boolean ok = stop ? Set.of(InstanceState.PENDING, InstanceState.RUNNING, InstanceState.STOPPING, InstanceState.STOPPED).contains(i.state)
                : Set.of(InstanceState.STOPPED, InstanceState.PENDING, InstanceState.RUNNING).contains(i.state);
            if (!ok) {
                throw Ec2Exception.badRequest("IncorrectInstanceState", "The instance '" + i.id + "' is not in a state from which it can be "
                    + (stop ? "stopped" : "started") + ".");
            }
        }
        long now = now();
        String set = "instancesSet";
        x.open(set);
        for (Instance i : found) {
            InstanceState prev = i.state;
            if (stop && (prev == InstanceState.PENDING || prev == InstanceState.RUNNING)) {
                s.setState(i, InstanceState.STOPPING, world.events());
                i.stoppedAt = now + world.shutdownDelayMillis();
                s.transitioning.add(i);
            } else if (!stop && prev == InstanceState.STOPPED) {
                s.setState(i, InstanceState.PENDING, world.events());
                i.stateReason = null;
                i.readyAt = now + world.bootDelayMillis();
                Subnet sn = s.subnets.get(i.subnetId);
                if (sn != null && sn.mapPublicIpOnLaunch) {
                    i.publicIp = s.publicIps.allocate();
                }
                s.transitioning.add(i);
            }
            x.open("item").el("instanceId", i.id)
                .open("currentState").el("code", i.state.code).el("name", i.state.id).close("currentState")
                .open("previousState").el("code", prev.code).el("name", prev.id).close("previousState")
                .close("item");
        }
        x.close(set);
    }

    private void describeInstanceAttribute(AwsState s, Params p, String region, Xml x) {
        String id = p.required("InstanceId");
        String attr = p.required("Attribute");
        Instance i = lookupInstances(s, List.of(id), region).get(0);
        x.el("instanceId", i.id);
        switch (attr) {
            case "userData" -> {
                x.open("userData");
                x.el("value", i.userData);
                x.close("userData");
            }
            case "instanceType" -> x.open("instanceType").el("value", i.instanceType).close("instanceType");
            default -> throw Ec2Exception.badRequest("InvalidParameterValue", "Value (" + attr + ") for parameter attribute is invalid. Supported: userData, instanceType.");
        }
    }

    private void createTags(AwsState s, Params p, String region, Xml x, boolean delete) {
        List<String> ids = p.list("ResourceId");
        if (ids.isEmpty()) {
            throw Ec2Exception.missing("ResourceId");
        }
        List<Params> tagStructs = p.structs("Tag");
        if (!delete && tagStructs.isEmpty()) {
            throw Ec2Exception.missing("Tag");
        }
        List<Map<String, String>> targets = new ArrayList<>();
        for (String id : ids) {
            Map<String, String> tags = s.tagsOf(id);
            if (tags == null) {
                if (id.startsWith("i-")) {
                    throw Ec2Exception.badRequest("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
                }
                throw Ec2Exception.badRequest("InvalidID", "The ID '" + id + "' is not valid");
            }
            targets.add(tags);
        }
        if (delete) {
            for (Map<String, String> tags : targets) {
                if (tagStructs.isEmpty()) {
                    tags.clear();
                }
                for (Params t : tagStructs) {
                    String k = t.required("Key");
                    String v = t.raw().get("Value");
                    if (v == null || v.equals(tags.get(k))) {
                        tags.remove(k);
                    }
                }
            }
        } else {
            Map<String, String> add = tagList(tagStructs);
            for (Map<String, String> tags : targets) {
                Map<String, String> merged = new LinkedHashMap<>(tags);
                merged.putAll(add);
                if (merged.size() > 50) {
                    throw Ec2Exception.badRequest("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.");
                }
            }
            for (Map<String, String> tags : targets) {
                tags.putAll(add);
            }
        }
        world.events().record("aws", region, delete ? "tags.deleted" : "tags.created", String.join(",", ids));
        x.el("return", true);
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

    private <T> List<T> selectByIds(Map<String, T> all, List<String> ids, String region, Function<T, String> regionOf, String code, String what) {
        List<T> out = new ArrayList<>();
        if (ids.isEmpty()) {
            for (T t : all.values()) {
                if (region.equals(regionOf.apply(t))) {
                    out.add(t);
                }
            }
            return out;
        }
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            T t = all.get(id);
            if (t == null || !region.equals(regionOf.apply(t))) {
                missing.add(id);
            } else {
                out.add(t);
            }
        }
        notFound(code, what, missing);
        return out;
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

    private static String regionShort(String region) {
        String[] parts = region.split("-");
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            sb.append(Character.isDigit(part.charAt(0)) ? part : part.substring(0, 1));
        }
        return sb.toString();
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

    // =========================================================== VPN

    private Map<String, String> tagsFromSpecs(Params p, String resourceType) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params spec : p.structs("TagSpecification")) {
            if (resourceType.equals(spec.get("ResourceType"))) {
                tags.putAll(tagList(spec.structs("Tag")));
            } else {
                throw Ec2Exception.badRequest("InvalidParameterValue", "'" + spec.get("ResourceType") + "' is not a valid taggable resource type for this operation.");
            }
        }
        return tags;
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

    private void renderVgw(VpnGateway g, Xml x) {
        x.el("vpnGatewayId", g.id).el("state", g.state).el("type", g.type).open("attachments");
        if (g.attachedVpcId != null) {
            x.open("item").el("vpcId", g.attachedVpcId).el("state", g.attachmentState).close("item");
        }
        x.close("attachments").el("amazonSideAsn", g.amazonSideAsn);
        renderTags(g.tags, x);
    }

    private VpnGateway vgw(AwsState s, String id, String region) {
        VpnGateway g = s.vpnGateways.get(id);
        if (g == null || !g.region.equals(region)) {
            throw Ec2Exception.badRequest("InvalidVpnGatewayID.NotFound", "The vpnGateway ID '" + id + "' does not exist");
        }
        return g;
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

    private void renderCgw(CustomerGateway c, Xml x) {
        x.el("customerGatewayId", c.id).el("state", c.state).el("type", c.type).el("ipAddress", c.ipAddress)
            .el("bgpAsn", c.bgpAsn).el("deviceName", c.deviceName);
        renderTags(c.tags, x);
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

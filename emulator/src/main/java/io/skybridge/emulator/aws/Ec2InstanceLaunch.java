package io.skybridge.emulator.aws;

import io.skybridge.emulator.aws.AwsState.Instance;
import io.skybridge.emulator.aws.AwsState.Reservation;
import io.skybridge.emulator.aws.AwsState.SecurityGroup;
import io.skybridge.emulator.aws.AwsState.Subnet;
import io.skybridge.emulator.aws.AwsState.Vpc;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.emulator.world.World;
import io.skybridge.emulator.world.WorldSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** RunInstances: placement, validation, injected faults, idempotency by ClientToken. */
final class Ec2InstanceLaunch extends Ec2InstanceFamily {
    Ec2InstanceLaunch(World world) {
        super(world);
    }

    @Override
    void register(Map<String, Ec2Action> actions) {
        actions.put("RunInstances", (s, p, region, x) -> runInstances(s, p, region, x));
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
        boolean neverJoin = world.neverJoin(Cloud.AWS) || "true".equalsIgnoreCase(tags.get(Ec2Api.NEVER_JOIN_TAG));
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
}

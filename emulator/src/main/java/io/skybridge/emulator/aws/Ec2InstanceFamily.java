package io.skybridge.emulator.aws;

import io.skybridge.emulator.aws.AwsState.Instance;
import io.skybridge.emulator.aws.AwsState.InstanceState;
import io.skybridge.emulator.aws.AwsState.Reservation;
import io.skybridge.emulator.aws.AwsState.SecurityGroup;
import io.skybridge.emulator.world.World;
import io.skybridge.emulator.world.WorldSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The instance families' shared views: instance XML, DescribeInstances filters, visibility and id lookups. */
abstract class Ec2InstanceFamily extends Ec2Family {
    Ec2InstanceFamily(World world) {
        super(world);
    }

    void renderReservation(AwsState s, Reservation r, Xml x, boolean asItem) {
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

    void renderInstance(AwsState s, Instance i, Xml out) {
        long key = ((long) i.state.ordinal() << 48) ^ ((long) i.tags.hashCode() << 16) ^ java.util.Objects.hash(i.publicIp, i.stateReason);
        if (i.xml == null || i.xmlKey != key) {
            Xml x = new Xml(1400);
            renderInstanceUncached(s, i, x);
            i.xml = x.toString();
            i.xmlKey = key;
        }
        out.raw(i.xml);
    }

    void renderInstanceUncached(AwsState s, Instance i, Xml x) {
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

    boolean visible(Instance i, long now) {
        return i.state != InstanceState.TERMINATED || now - i.terminatedAt < TERMINATED_VISIBLE_MILLIS;
    }

    Map<String, Function<Instance, List<String>>> instanceFilters() {
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

    List<Instance> lookupInstances(AwsState s, List<String> ids, String region) {
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
}

package io.skybridge.emulator.aws;

import io.skybridge.emulator.aws.AwsState.Instance;
import io.skybridge.emulator.aws.AwsState.InstanceState;
import io.skybridge.emulator.aws.AwsState.Subnet;
import io.skybridge.emulator.world.World;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** DescribeInstances (filters, paging), TerminateInstances, Stop/StartInstances, DescribeInstanceAttribute. */
final class Ec2Instances extends Ec2InstanceFamily {
    Ec2Instances(World world) {
        super(world);
    }

    @Override
    void register(Map<String, Ec2Action> actions) {
        actions.put("DescribeInstances", (s, p, region, x) -> describeInstances(s, p, region, x));
        actions.put("TerminateInstances", (s, p, region, x) -> terminateInstances(s, p, region, x));
        actions.put("StopInstances", (s, p, region, x) -> stopStart(s, p, region, x, true));
        actions.put("StartInstances", (s, p, region, x) -> stopStart(s, p, region, x, false));
        actions.put("DescribeInstanceAttribute", (s, p, region, x) -> describeInstanceAttribute(s, p, region, x));
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
}

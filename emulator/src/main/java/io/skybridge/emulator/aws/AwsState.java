package io.skybridge.emulator.aws;

import io.skybridge.emulator.world.Cidr;
import io.skybridge.emulator.world.EventLog;
import io.skybridge.emulator.world.IpPool;
import io.skybridge.emulator.world.WorldSpec;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The AWS account's resources. Guarded by the world lock; not thread-safe on its own. */
public final class AwsState {

    public enum InstanceState {
        PENDING(0, "pending"), RUNNING(16, "running"), SHUTTING_DOWN(32, "shutting-down"), TERMINATED(48, "terminated"),
        STOPPING(64, "stopping"), STOPPED(80, "stopped");

        public final int code;
        public final String id;

        InstanceState(int code, String id) {
            this.code = code;
            this.id = id;
        }
    }

    public static final class Instance {
        public String id;
        public long seq;
        public String reservationId;
        public String region;
        public String zone;
        public String vpcId;
        public String subnetId;
        public String imageId;
        public String instanceType;
        public String keyName;
        public String userData;
        /** {@code MetadataOptions}: {@code optional} or {@code required} (IMDSv2 sessions only). */
        public String httpTokens = "optional";
        public int httpPutResponseHopLimit = 1;
        public String httpEndpoint = "enabled";
        public String clientToken;
        public int launchIndex;
        /** Launched under the never-join switch or with the tag {@code skybridge:never-join=true}: no Node ever registers. */
        public boolean neverJoin;
        public InstanceState state = InstanceState.PENDING;
        public long launchTime;
        public long readyAt;
        public long terminatedAt;
        public long stoppedAt;
        public String stateReason;
        public String privateIp;
        public String publicIp;
        public List<String> securityGroupIds = new ArrayList<>();
        public final Map<String, String> tags = new LinkedHashMap<>();
        /** Rendered XML and the state it was rendered for (DescribeInstances of 10,000 instances reuses it). */
        String xml;
        long xmlKey;
    }

    public static final class Reservation {
        public String id;
        public String region;
        public final List<String> instanceIds = new ArrayList<>();
    }

    public static final class Vpc {
        public String id;
        public String region;
        public String cidr;
        public boolean isDefault;
        public String mainRouteTableId;
        public String defaultSecurityGroupId;
        public final Map<String, String> tags = new LinkedHashMap<>();
    }

    public static final class Subnet {
        public String id;
        public String vpcId;
        public String region;
        public String zone;
        public String cidr;
        public boolean mapPublicIpOnLaunch;
        public IpPool pool;
        public final Map<String, String> tags = new LinkedHashMap<>();
    }

    public static final class RouteTable {
        public String id;
        public String vpcId;
        public String region;
        public final Set<String> propagatingVgws = new LinkedHashSet<>();
    }

    public static final class SecurityGroup {
        public String id;
        public String name;
        public String description;
        public String vpcId;
        public String region;
        public final List<Rule> ingress = new ArrayList<>();
        public final Map<String, String> tags = new LinkedHashMap<>();
    }

    /** One ingress rule: protocol, port range, one source CIDR. */
    public record Rule(String ruleId, String protocol, Integer fromPort, Integer toPort, String cidr, String description) {
        boolean sameAs(Rule o) {
            return protocol.equals(o.protocol) && java.util.Objects.equals(fromPort, o.fromPort)
                && java.util.Objects.equals(toPort, o.toPort) && cidr.equals(o.cidr);
        }
    }

    public static final class VpnGateway {
        public String id;
        public String region;
        public String type = "ipsec.1";
        public String state = "available";
        public long amazonSideAsn = 64512;
        public String attachedVpcId;
        public String attachmentState;
        public final Map<String, String> tags = new LinkedHashMap<>();
    }

    public static final class CustomerGateway {
        public String id;
        public String region;
        public String type = "ipsec.1";
        public String state = "available";
        public String ipAddress;
        public long bgpAsn;
        public String deviceName;
        public final Map<String, String> tags = new LinkedHashMap<>();
    }

    public static final class Tunnel {
        public String outsideIp;
        public String insideCidr;
        public String preSharedKey;
        public boolean up;
        public long lastStatusChange;
        public String statusMessage = "";
    }

    public static final class VpnConnection {
        public String id;
        public String region;
        public String type = "ipsec.1";
        public String state = "available";
        public String customerGatewayId;
        public String vpnGatewayId;
        public boolean staticRoutesOnly;
        public long deletedAt;
        public final List<Tunnel> tunnels = new ArrayList<>();
        public final Map<String, String> tags = new LinkedHashMap<>();
    }

    record TokenEntry(String reservationId, String fingerprint) {
    }

    final WorldSpec.Aws spec;
    final SecureRandom random = new SecureRandom();
    public final Map<String, Vpc> vpcs = new LinkedHashMap<>();
    public final Map<String, Subnet> subnets = new LinkedHashMap<>();
    public final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
    public final Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
    public final Map<String, Instance> instances = new LinkedHashMap<>();
    public final Map<String, Reservation> reservations = new HashMap<>();
    final Map<String, TokenEntry> clientTokens = new HashMap<>();
    public final Map<String, VpnGateway> vpnGateways = new LinkedHashMap<>();
    public final Map<String, CustomerGateway> customerGateways = new LinkedHashMap<>();
    public final Map<String, VpnConnection> vpnConnections = new LinkedHashMap<>();
    final Set<Instance> transitioning = new LinkedHashSet<>();
    final IpPool publicIps;
    final Map<String, WorldSpec.MachineType> instanceTypes = new LinkedHashMap<>();
    long instanceSeq;

    public AwsState(WorldSpec.Aws spec) {
        this.spec = spec;
        this.publicIps = new IpPool(Cidr.parse(spec.publicIpPool), 1);
        for (WorldSpec.MachineType m : spec.instanceTypes) {
            instanceTypes.put(m.name, m);
        }
        for (WorldSpec.Vpc sv : spec.vpcs) {
            Vpc v = new Vpc();
            v.id = sv.id != null ? sv.id : newId("vpc");
            v.region = sv.region;
            v.cidr = sv.cidr;
            v.isDefault = sv.isDefault;
            v.tags.putAll(sv.tags);
            vpcs.put(v.id, v);
            RouteTable rt = new RouteTable();
            rt.id = newId("rtb");
            rt.vpcId = v.id;
            rt.region = v.region;
            routeTables.put(rt.id, rt);
            v.mainRouteTableId = rt.id;
            SecurityGroup sg = new SecurityGroup();
            sg.id = newId("sg");
            sg.name = "default";
            sg.description = "default VPC security group";
            sg.vpcId = v.id;
            sg.region = v.region;
            securityGroups.put(sg.id, sg);
            v.defaultSecurityGroupId = sg.id;
            for (WorldSpec.Subnet ss : sv.subnets) {
                Subnet s = new Subnet();
                s.id = ss.id != null ? ss.id : newId("subnet");
                s.vpcId = v.id;
                s.region = v.region;
                s.zone = ss.zone;
                s.cidr = ss.cidr;
                s.mapPublicIpOnLaunch = ss.mapPublicIpOnLaunch;
                s.tags.putAll(ss.tags);
                s.pool = new IpPool(Cidr.parse(ss.cidr), 4);
                subnets.put(s.id, s);
            }
        }
    }

    public String accountId() {
        return spec.accountId;
    }

    public WorldSpec.MachineType instanceType(String name) {
        return instanceTypes.get(name);
    }

    public Map<String, WorldSpec.MachineType> instanceTypes() {
        return instanceTypes;
    }

    public List<String> zones(String region) {
        return spec.regions.get(region);
    }

    public boolean knowsRegion(String region) {
        return spec.regions.containsKey(region);
    }

    /** A fresh id such as {@code i-0123456789abcdef0} that no resource carries yet. */
    String newId(String prefix) {
        while (true) {
            StringBuilder sb = new StringBuilder(prefix).append("-0");
            for (int i = 0; i < 16; i++) {
                sb.append(Character.forDigit(random.nextInt(16), 16));
            }
            String id = sb.toString();
            if (!exists(id)) {
                return id;
            }
        }
    }

    boolean exists(String id) {
        return instances.containsKey(id) || vpcs.containsKey(id) || subnets.containsKey(id)
            || routeTables.containsKey(id) || securityGroups.containsKey(id) || reservations.containsKey(id)
            || vpnGateways.containsKey(id) || customerGateways.containsKey(id) || vpnConnections.containsKey(id);
    }

    /** Tags of any taggable resource, or null when the id is unknown. */
    Map<String, String> tagsOf(String id) {
        if (instances.containsKey(id)) {
            return instances.get(id).tags;
        }
        if (vpcs.containsKey(id)) {
            return vpcs.get(id).tags;
        }
        if (subnets.containsKey(id)) {
            return subnets.get(id).tags;
        }
        if (securityGroups.containsKey(id)) {
            return securityGroups.get(id).tags;
        }
        if (vpnGateways.containsKey(id)) {
            return vpnGateways.get(id).tags;
        }
        if (customerGateways.containsKey(id)) {
            return customerGateways.get(id).tags;
        }
        if (vpnConnections.containsKey(id)) {
            return vpnConnections.get(id).tags;
        }
        return null;
    }

    /** Moves instances along pending → running and shutting-down → terminated. */
    public void advance(long now, EventLog log) {
        for (Iterator<Instance> it = transitioning.iterator(); it.hasNext(); ) {
            Instance i = it.next();
            if (i.state == InstanceState.PENDING && now >= i.readyAt) {
                setState(i, InstanceState.RUNNING, log);
                it.remove();
            } else if (i.state == InstanceState.SHUTTING_DOWN && now >= i.terminatedAt) {
                setState(i, InstanceState.TERMINATED, log);
                i.stateReason = "Client.UserInitiatedShutdown: User initiated shutdown";
                publicIps.release(i.publicIp);
                i.publicIp = null;
                Subnet s = subnets.get(i.subnetId);
                if (s != null) {
                    s.pool.release(i.privateIp);
                }
                it.remove();
            } else if (i.state == InstanceState.STOPPING && now >= i.stoppedAt) {
                setState(i, InstanceState.STOPPED, log);
                i.stateReason = "Client.UserInitiatedShutdown: User initiated shutdown";
                publicIps.release(i.publicIp);
                i.publicIp = null;
                it.remove();
            } else if (i.state != InstanceState.PENDING && i.state != InstanceState.SHUTTING_DOWN && i.state != InstanceState.STOPPING) {
                it.remove();
            }
        }
    }

    void setState(Instance i, InstanceState s, EventLog log) {
        InstanceState prev = i.state;
        i.state = s;
        log.record("aws", i.region, "instance.state", i.id, "from", prev.id, "to", s.id);
    }

    /** Instances in {@code region}, in launch order. */
    public List<Instance> instancesIn(String region) {
        List<Instance> out = new ArrayList<>();
        for (Instance i : instances.values()) {
            if (i.region.equals(region)) {
                out.add(i);
            }
        }
        return out;
    }
}

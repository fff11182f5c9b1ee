package io.skybridge.emulator.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.aws.AwsState;
import io.skybridge.emulator.control.Faults;
import io.skybridge.emulator.control.Outage;
import io.skybridge.emulator.control.OutageMode;
import io.skybridge.emulator.control.PartitionMode;
import io.skybridge.emulator.gcp.GcpState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The whole emulated world: both clouds' state, time, injected failures and the event log.
 * Every read or write of cloud state happens under {@link #locked(Supplier)}.
 */
public final class World {
    private final ReentrantLock lock = new ReentrantLock();
    private final SimClock clock;
    private final EventLog events;
    private final WorldSpec spec;
    private final long defaultBootDelayMillis;
    private final long defaultShutdownDelayMillis;
    private volatile long bootDelayMillis;
    private volatile long shutdownDelayMillis;
    private volatile String gcpBaseUrl = "http://127.0.0.1:4567/compute/v1/";
    private AwsState aws;
    private GcpState gcp;
    private final List<Outage> outages = new ArrayList<>();
    private final Map<Cloud, Faults> faults = new EnumMap<>(Cloud.class);
    private final Map<String, PartitionMode> partitions = new LinkedHashMap<>();
    /** Capacity fault rates scoped to one zone, by cloud then zone (they take precedence over the cloud-wide rate). */
    private final Map<Cloud, Map<String, Double>> zoneCapacity = new EnumMap<>(Cloud.class);
    /** Clouds whose VMs launched now never join the cluster. */
    private final Set<Cloud> neverJoin = java.util.EnumSet.noneOf(Cloud.class);
    private Random random;
    private final Long seed;

    public World(WorldSpec spec, SimClock clock, Duration bootDelay, Duration shutdownDelay, Long seed) {
        this.spec = spec;
        this.clock = clock;
        this.events = new EventLog(clock, 100_000);
        this.defaultBootDelayMillis = bootDelay.toMillis();
        this.defaultShutdownDelayMillis = shutdownDelay.toMillis();
        this.seed = seed;
        resetState();
    }

    private void resetState() {
        bootDelayMillis = defaultBootDelayMillis;
        shutdownDelayMillis = defaultShutdownDelayMillis;
        aws = new AwsState(spec.aws);
        gcp = new GcpState(spec.gcp);
        outages.clear();
        faults.clear();
        zoneCapacity.clear();
        neverJoin.clear();
        partitions.clear();
        random = seed == null ? new Random() : new Random(seed);
    }

    /** Runs {@code action} under the world lock, after moving the world forward to the current time. */
    public <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            advanceLocked();
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    public void locked(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }

    /** Moves instance states and operations forward to the current time, and re-evaluates VPN tunnels. */
    public void advance() {
        locked(() -> null);
    }

    private void advanceLocked() {
        long now = clock.millis();
        aws.advance(now, events);
        gcp.advance(now);
        recomputeTunnels(now);
    }

    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    public AwsState aws() {
        requireLock();
        return aws;
    }

    public GcpState gcp() {
        requireLock();
        gcp.ensureSeeded(gcpBaseUrl, clock.millis());
        return gcp;
    }

    private void requireLock() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("world state is only reachable under World.locked(...)");
        }
    }

    public SimClock clock() {
        return clock;
    }

    public EventLog events() {
        return events;
    }

    public WorldSpec spec() {
        return spec;
    }

    public long bootDelayMillis() {
        return bootDelayMillis;
    }

    public long shutdownDelayMillis() {
        return shutdownDelayMillis;
    }

    public void setBootDelay(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("boot delay must not be negative");
        }
        bootDelayMillis = d.toMillis();
        events.record("control", null, "bootDelay.set", null, "millis", d.toMillis());
    }

    public void setShutdownDelay(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("shutdown delay must not be negative");
        }
        shutdownDelayMillis = d.toMillis();
        events.record("control", null, "shutdownDelay.set", null, "millis", d.toMillis());
    }

    public String gcpBaseUrl() {
        return gcpBaseUrl;
    }

    public void setGcpBaseUrl(String url) {
        this.gcpBaseUrl = url.endsWith("/") ? url : url + "/";
    }

    /** Restores the seeded world: all resources, outages, faults, partitions and the event log. */
    public void reset() {
        lock.lock();
        try {
            resetState();
            clock.resetOffset();
            events.clear();
            events.record("control", null, "reset", null);
        } finally {
            lock.unlock();
        }
    }

    public void advanceClock(Duration d) {
        clock.advance(d);
        events.record("control", null, "clock.advanced", null, "millis", d.toMillis());
        advance();
    }

    // ---------------------------------------------------------------- outages

    public Outage startOutage(Cloud cloud, String region, OutageMode mode) {
        lock.lock();
        try {
            outages.removeIf(o -> o.cloud() == cloud && java.util.Objects.equals(o.region(), region));
            Outage o = new Outage(cloud, region, mode, clock.now().toString());
            outages.add(o);
            events.record(cloud.id(), region, "outage.started", null, "mode", mode.id());
            advanceLocked();
            return o;
        } finally {
            lock.unlock();
        }
    }

    /** Clears the outage of {@code cloud} in {@code region} (null: the cloud-wide one; "*": all of the cloud's). */
    public boolean clearOutage(Cloud cloud, String region) {
        lock.lock();
        try {
            boolean removed = outages.removeIf(o -> o.cloud() == cloud
                && ("*".equals(region) || java.util.Objects.equals(o.region(), region)));
            if (removed) {
                events.record(cloud.id(), "*".equals(region) ? null : region, "outage.cleared", null);
            }
            advanceLocked();
            return removed;
        } finally {
            lock.unlock();
        }
    }

    public List<Outage> outages() {
        lock.lock();
        try {
            return List.copyOf(outages);
        } finally {
            lock.unlock();
        }
    }

    /** The outage affecting {@code cloud} in {@code region} (null region: only a cloud-wide outage), or null. */
    public Outage outageFor(Cloud cloud, String region) {
        lock.lock();
        try {
            for (Outage o : outages) {
                if (o.cloud() == cloud && (o.region() == null || o.region().equals(region))) {
                    return o;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Whether VMs of {@code cloud} in {@code region} are reachable (heartbeating): false during an outage. */
    public boolean isHeartbeating(Cloud cloud, String region) {
        return outageFor(cloud, region) == null;
    }

    // ---------------------------------------------------------------- faults and partitions

    public void setFaults(Cloud cloud, Faults f) {
        lock.lock();
        try {
            if (f == null || f.isNone()) {
                faults.remove(cloud);
                events.record(cloud.id(), null, "faults.cleared", null);
            } else {
                faults.put(cloud, f);
                events.record(cloud.id(), null, "faults.set", null, "throttleRate", f.throttleRate(),
                    "capacityRate", f.capacityRate(), "latencyMillis", f.latencyMillis(), "quotaRate", f.quotaRate());
            }
        } finally {
            lock.unlock();
        }
    }

    public Faults faults(Cloud cloud) {
        lock.lock();
        try {
            return faults.getOrDefault(cloud, Faults.NONE);
        } finally {
            lock.unlock();
        }
    }

    /** Rolls the dice for one call: true when it should be throttled. */
    public boolean rollThrottle(Cloud cloud) {
        lock.lock();
        try {
            Faults f = faults.get(cloud);
            return f != null && f.throttleRate() > 0 && random.nextDouble() < f.throttleRate();
        } finally {
            lock.unlock();
        }
    }

    /** Rolls the dice for one create call: true when it should fail for lack of capacity (cloud-wide rate only). */
    public boolean rollCapacityFailure(Cloud cloud) {
        return rollCapacityFailure(cloud, null);
    }

    /**
     * Rolls the dice for one create call in {@code zone}: true when it should fail for lack of capacity. A rate
     * set for the zone ({@link #setZoneCapacityFault}) takes precedence over the cloud-wide {@code capacityRate}.
     */
    public boolean rollCapacityFailure(Cloud cloud, String zone) {
        lock.lock();
        try {
            Double zoned = zone == null ? null : zoneCapacity.getOrDefault(cloud, Map.of()).get(zone);
            Faults f = faults.get(cloud);
            double rate = zoned != null ? zoned : f == null ? 0 : f.capacityRate();
            return rate > 0 && random.nextDouble() < rate;
        } finally {
            lock.unlock();
        }
    }

    /** Rolls the dice for one create call: true when it should fail for lack of quota. */
    public boolean rollQuotaFailure(Cloud cloud) {
        lock.lock();
        try {
            Faults f = faults.get(cloud);
            return f != null && f.quotaRate() > 0 && random.nextDouble() < f.quotaRate();
        } finally {
            lock.unlock();
        }
    }

    /** Share of the creates in {@code zone} of {@code cloud} that fail for lack of capacity; 0 removes the zone's fault. */
    public void setZoneCapacityFault(Cloud cloud, String zone, double rate) {
        if (zone == null || zone.isBlank()) {
            throw new IllegalArgumentException("zone is required");
        }
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rates must be between 0 and 1");
        }
        lock.lock();
        try {
            if (rate == 0) {
                Map<String, Double> m = zoneCapacity.get(cloud);
                if (m != null) {
                    m.remove(zone);
                    if (m.isEmpty()) {
                        zoneCapacity.remove(cloud);
                    }
                }
                events.record(cloud.id(), null, "faults.zone.cleared", zone);
            } else {
                zoneCapacity.computeIfAbsent(cloud, c -> new LinkedHashMap<>()).put(zone, rate);
                events.record(cloud.id(), null, "faults.zone.set", zone, "capacityRate", rate);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The zone-scoped capacity fault rates of {@code cloud}, by zone. */
    public Map<String, Double> zoneCapacityFaults(Cloud cloud) {
        lock.lock();
        try {
            return Map.copyOf(zoneCapacity.getOrDefault(cloud, Map.of()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * While on, every VM launched in {@code cloud} is marked so that its kubelet never registers a Node (the VM
     * runs, but never joins). VMs launched before keep joining; VMs launched while on stay unjoined after it is off.
     */
    public void setNeverJoin(Cloud cloud, boolean on) {
        lock.lock();
        try {
            if (on ? neverJoin.add(cloud) : neverJoin.remove(cloud)) {
                events.record(cloud.id(), null, on ? "neverJoin.set" : "neverJoin.cleared", null);
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean neverJoin(Cloud cloud) {
        lock.lock();
        try {
            return neverJoin.contains(cloud);
        } finally {
            lock.unlock();
        }
    }

    /** Removes every fault of {@code cloud}: rates, latency, zone-scoped capacity faults and the never-join switch. */
    public void clearFaults(Cloud cloud) {
        lock.lock();
        try {
            setFaults(cloud, Faults.NONE);
            zoneCapacity.remove(cloud);
            neverJoin.remove(cloud);
        } finally {
            lock.unlock();
        }
    }

    public void partition(String client, PartitionMode mode) {
        if (client == null || client.isBlank()) {
            throw new IllegalArgumentException("client name is required");
        }
        lock.lock();
        try {
            partitions.put(client, mode);
            events.record("control", null, "client.partitioned", client, "mode", mode.id());
        } finally {
            lock.unlock();
        }
    }

    public boolean heal(String client) {
        lock.lock();
        try {
            boolean removed = partitions.remove(client) != null;
            if (removed) {
                events.record("control", null, "client.healed", client);
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }

    public PartitionMode partitionOf(String client) {
        if (client == null) {
            return null;
        }
        lock.lock();
        try {
            return partitions.get(client);
        } finally {
            lock.unlock();
        }
    }

    public Map<String, PartitionMode> partitions() {
        lock.lock();
        try {
            return Map.copyOf(partitions);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- VPN links

    private void recomputeTunnels(long now) {
        if (aws.vpnConnections.isEmpty() && gcp.list("projects/", "vpnTunnels").isEmpty()) {
            return;
        }
        Set<AwsState.Tunnel> upAws = new HashSet<>();
        for (GcpState.Resource t : gcp.all(gcp.project(), "vpnTunnels")) {
            String[] status = gcpTunnelStatus(t, upAws);
            ObjectNode json = t.json;
            String prev = json.path("status").asText(null);
            if (!status[0].equals(prev)) {
                json.put("status", status[0]);
                events.record("gcp", t.scope, "vpnTunnel.status", t.name, "from", prev, "to", status[0]);
            }
            json.put("detailedStatus", status[1]);
        }
        for (AwsState.VpnConnection c : aws.vpnConnections.values()) {
            for (AwsState.Tunnel tun : c.tunnels) {
                boolean up = upAws.contains(tun);
                if (up != tun.up) {
                    tun.up = up;
                    tun.lastStatusChange = now;
                    tun.statusMessage = up ? "" : downReason(c);
                    events.record("aws", c.region, "vpnTunnel.status", c.id, "outsideIp", tun.outsideIp,
                        "to", up ? "UP" : "DOWN");
                } else if (!up) {
                    tun.statusMessage = downReason(c);
                }
            }
        }
    }

    private String downReason(AwsState.VpnConnection c) {
        if (!"available".equals(c.state)) {
            return "";
        }
        if (outageInternal(Cloud.AWS, c.region) != null) {
            return "IPSEC IS DOWN: AWS region unavailable";
        }
        return "IPSEC IS DOWN";
    }

    private Outage outageInternal(Cloud cloud, String region) {
        for (Outage o : outages) {
            if (o.cloud() == cloud && (o.region() == null || o.region().equals(region))) {
                return o;
            }
        }
        return null;
    }

    /** @return {status, detailedStatus}; adds the matching AWS tunnel to {@code upAws} when established */
    private String[] gcpTunnelStatus(GcpState.Resource t, Set<AwsState.Tunnel> upAws) {
        String peerIp = resolvePeerIp(t);
        if (peerIp == null) {
            return new String[] {"WAITING_FOR_FULL_CONFIG", "Waiting for configuration to complete: peer gateway not found."};
        }
        String localIp = resolveLocalIp(t);
        AwsState.Tunnel match = null;
        AwsState.VpnConnection matchConn = null;
        for (AwsState.VpnConnection c : aws.vpnConnections.values()) {
            if (!"available".equals(c.state)) {
                continue;
            }
            for (AwsState.Tunnel tun : c.tunnels) {
                if (peerIp.equals(tun.outsideIp)) {
                    match = tun;
                    matchConn = c;
                }
            }
        }
        if (match == null) {
            return new String[] {"NO_INCOMING_PACKETS", "No incoming packets from peer."};
        }
        AwsState.CustomerGateway cgw = aws.customerGateways.get(matchConn.customerGatewayId);
        if (localIp != null && (cgw == null || !localIp.equals(cgw.ipAddress))) {
            return new String[] {"NO_INCOMING_PACKETS", "No incoming packets from peer: peer is configured for another address."};
        }
        if (!String.valueOf(t.hidden.get("sharedSecret")).equals(match.preSharedKey)) {
            return new String[] {"NEGOTIATION_FAILURE", "Handshake with peer failed: pre-shared keys do not match."};
        }
        if (outageInternal(Cloud.GCP, t.scope) != null) {
            return new String[] {"NETWORK_ERROR", "Google Cloud region unavailable."};
        }
        if (outageInternal(Cloud.AWS, matchConn.region) != null) {
            return new String[] {"NO_INCOMING_PACKETS", "No incoming packets from peer."};
        }
        upAws.add(match);
        return new String[] {"ESTABLISHED", "Tunnel is up and running."};
    }

    private String resolvePeerIp(GcpState.Resource t) {
        Object direct = t.hidden.get("peerIp");
        if (direct != null) {
            return direct.toString();
        }
        Object gwPath = t.hidden.get("peerExternalGateway");
        if (gwPath == null) {
            return null;
        }
        GcpState.Resource gw = gcp.get(gwPath.toString());
        if (gw == null) {
            return null;
        }
        int iface = ((Number) t.hidden.getOrDefault("peerExternalGatewayInterface", 0)).intValue();
        for (var i : gw.json.path("interfaces")) {
            if (i.path("id").asInt() == iface) {
                return i.path("ipAddress").asText(null);
            }
        }
        return null;
    }

    private String resolveLocalIp(GcpState.Resource t) {
        Object gwPath = t.hidden.get("vpnGateway");
        if (gwPath == null) {
            return null;
        }
        GcpState.Resource gw = gcp.get(gwPath.toString());
        if (gw == null) {
            return null;
        }
        int iface = ((Number) t.hidden.getOrDefault("vpnGatewayInterface", 0)).intValue();
        for (var i : gw.json.path("vpnInterfaces")) {
            if (i.path("id").asInt() == iface) {
                return i.path("ipAddress").asText(null);
            }
        }
        return null;
    }
}

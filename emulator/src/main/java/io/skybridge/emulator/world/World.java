package io.skybridge.emulator.world;

import io.skybridge.emulator.aws.AwsState;
import io.skybridge.emulator.control.Faults;
import io.skybridge.emulator.control.Outage;
import io.skybridge.emulator.control.OutageMode;
import io.skybridge.emulator.control.PartitionMode;
import io.skybridge.emulator.gcp.GcpState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private final FaultInjector faultInjector;
    private final Partitions partitions;
    private final VpnLinks vpnLinks;

    public World(WorldSpec spec, SimClock clock, Duration bootDelay, Duration shutdownDelay, Long seed) {
        this.spec = spec;
        this.clock = clock;
        this.events = new EventLog(clock, 100_000);
        this.defaultBootDelayMillis = bootDelay.toMillis();
        this.defaultShutdownDelayMillis = shutdownDelay.toMillis();
        this.faultInjector = new FaultInjector(lock, events, seed);
        this.partitions = new Partitions(lock, events);
        this.vpnLinks = new VpnLinks(events, this::outageInternal);
        resetState();
    }

    private void resetState() {
        bootDelayMillis = defaultBootDelayMillis;
        shutdownDelayMillis = defaultShutdownDelayMillis;
        aws = new AwsState(spec.aws);
        gcp = new GcpState(spec.gcp);
        outages.clear();
        faultInjector.reset();
        partitions.reset();
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
        vpnLinks.recompute(aws, gcp, now);
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
            return outageInternal(cloud, region);
        } finally {
            lock.unlock();
        }
    }

    /** Whether VMs of {@code cloud} in {@code region} are reachable (heartbeating): false during an outage. */
    public boolean isHeartbeating(Cloud cloud, String region) {
        return outageFor(cloud, region) == null;
    }

    // ---------------------------------------------------------------- faults and partitions (FaultInjector, Partitions)

    public void setFaults(Cloud cloud, Faults f) {
        faultInjector.setFaults(cloud, f);
    }

    public Faults faults(Cloud cloud) {
        return faultInjector.faults(cloud);
    }

    /** Rolls the dice for one call: true when it should be throttled. */
    public boolean rollThrottle(Cloud cloud) {
        return faultInjector.rollThrottle(cloud);
    }

    /** Rolls the dice for one create call: true when it should fail for lack of capacity (cloud-wide rate only). */
    public boolean rollCapacityFailure(Cloud cloud) {
        return faultInjector.rollCapacityFailure(cloud, null);
    }

    /** See {@link FaultInjector#rollCapacityFailure(Cloud, String)}. */
    public boolean rollCapacityFailure(Cloud cloud, String zone) {
        return faultInjector.rollCapacityFailure(cloud, zone);
    }

    /** Rolls the dice for one create call: true when it should fail for lack of quota. */
    public boolean rollQuotaFailure(Cloud cloud) {
        return faultInjector.rollQuotaFailure(cloud);
    }

    /** See {@link FaultInjector#setZoneCapacityFault}. */
    public void setZoneCapacityFault(Cloud cloud, String zone, double rate) {
        faultInjector.setZoneCapacityFault(cloud, zone, rate);
    }

    public Map<String, Double> zoneCapacityFaults(Cloud cloud) {
        return faultInjector.zoneCapacityFaults(cloud);
    }

    /** See {@link FaultInjector#setNeverJoin}. */
    public void setNeverJoin(Cloud cloud, boolean on) {
        faultInjector.setNeverJoin(cloud, on);
    }

    public boolean neverJoin(Cloud cloud) {
        return faultInjector.neverJoin(cloud);
    }

    /** Removes every fault of {@code cloud}: rates, latency, zone-scoped capacity faults and the never-join switch. */
    public void clearFaults(Cloud cloud) {
        faultInjector.clearFaults(cloud);
    }

    public void partition(String client, PartitionMode mode) {
        partitions.partition(client, mode);
    }

    public boolean heal(String client) {
        return partitions.heal(client);
    }

    public PartitionMode partitionOf(String client) {
        return partitions.partitionOf(client);
    }

    public Map<String, PartitionMode> partitions() {
        return partitions.all();
    }

    private Outage outageInternal(Cloud cloud, String region) {
        for (Outage o : outages) {
            if (o.cloud() == cloud && (o.region() == null || o.region().equals(region))) {
                return o;
            }
        }
        return null;
    }
}

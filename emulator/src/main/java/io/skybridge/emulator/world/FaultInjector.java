package io.skybridge.emulator.world;

import io.skybridge.emulator.control.Faults;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The failures injected into the clouds' APIs: per-cloud rates (throttling, capacity, quota) and latency,
 * capacity faults scoped to a zone, and the never-join switch; the dice are seeded by the world's seed.
 * Every change is in the event log.
 */
public final class FaultInjector {
    private final ReentrantLock lock;
    private final EventLog events;
    private final Long seed;
    private final Map<Cloud, Faults> faults = new EnumMap<>(Cloud.class);
    /** Capacity fault rates scoped to one zone, by cloud then zone (they take precedence over the cloud-wide rate). */
    private final Map<Cloud, Map<String, Double>> zoneCapacity = new EnumMap<>(Cloud.class);
    /** Clouds whose VMs launched now never join the cluster. */
    private final Set<Cloud> neverJoin = EnumSet.noneOf(Cloud.class);
    private Random random;

    FaultInjector(ReentrantLock lock, EventLog events, Long seed) {
        this.lock = lock;
        this.events = events;
        this.seed = seed;
        reset();
    }

    /** No faults, and the dice back at the seed (caller holds the lock or owns the world alone). */
    void reset() {
        faults.clear();
        zoneCapacity.clear();
        neverJoin.clear();
        random = seed == null ? new Random() : new Random(seed);
    }

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
        return roll(cloud, Faults::throttleRate);
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
        return roll(cloud, Faults::quotaRate);
    }

    private boolean roll(Cloud cloud, java.util.function.ToDoubleFunction<Faults> rate) {
        lock.lock();
        try {
            Faults f = faults.get(cloud);
            double r = f == null ? 0 : rate.applyAsDouble(f);
            return r > 0 && random.nextDouble() < r;
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
}

package io.skybridge.emulator.control;

/**
 * Fault injection for one cloud. Each API call is independently throttled with probability
 * {@code throttleRate}; each create call (RunInstances, instances.insert) fails for lack of capacity
 * with probability {@code capacityRate} and for lack of quota (EC2 {@code InstanceLimitExceeded}, GCE
 * operation error {@code QUOTA_EXCEEDED}) with probability {@code quotaRate}; {@code latencyMillis} is
 * added to every call. Capacity faults scoped to one zone and the never-join switch live beside these
 * (see {@code World#setZoneCapacityFault}, {@code World#setNeverJoin}).
 */
public record Faults(double throttleRate, double capacityRate, long latencyMillis, double quotaRate) {
    public static final Faults NONE = new Faults(0, 0, 0, 0);

    public Faults(double throttleRate, double capacityRate, long latencyMillis) {
        this(throttleRate, capacityRate, latencyMillis, 0);
    }

    public Faults {
        if (throttleRate < 0 || throttleRate > 1 || capacityRate < 0 || capacityRate > 1 || quotaRate < 0 || quotaRate > 1) {
            throw new IllegalArgumentException("rates must be between 0 and 1");
        }
        if (latencyMillis < 0 || latencyMillis > 600_000) {
            throw new IllegalArgumentException("latencyMillis must be between 0 and 600000");
        }
    }

    public boolean isNone() {
        return throttleRate == 0 && capacityRate == 0 && latencyMillis == 0 && quotaRate == 0;
    }
}

package io.skybridge.emulator.control;

/**
 * Fault injection for one cloud. Each API call is independently throttled with probability
 * {@code throttleRate}; each create call (RunInstances, instances.insert) fails for lack of capacity
 * with probability {@code capacityRate}; {@code latencyMillis} is added to every call.
 */
public record Faults(double throttleRate, double capacityRate, long latencyMillis) {
    public static final Faults NONE = new Faults(0, 0, 0);

    public Faults {
        if (throttleRate < 0 || throttleRate > 1 || capacityRate < 0 || capacityRate > 1) {
            throw new IllegalArgumentException("rates must be between 0 and 1");
        }
        if (latencyMillis < 0 || latencyMillis > 600_000) {
            throw new IllegalArgumentException("latencyMillis must be between 0 and 600000");
        }
    }

    public boolean isNone() {
        return throttleRate == 0 && capacityRate == 0 && latencyMillis == 0;
    }
}

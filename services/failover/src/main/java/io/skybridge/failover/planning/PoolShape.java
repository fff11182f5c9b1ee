package io.skybridge.failover.planning;

/** The surge pool new nodes come from in the surviving cloud, and what one of its nodes offers. */
public record PoolShape(String poolId, String cloud, String region, String machineType, long nodeCpuMillis,
                        long nodeMemoryBytes, int maxAdditionalNodes) {
}

package io.skybridge.failover.planning;

/** Free (allocatable minus requested) capacity of one Ready, schedulable node. */
public record NodeCapacity(String name, long freeCpuMillis, long freeMemoryBytes) {
}

package io.skybridge.failover.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** The surge pool per surviving cloud, and the figures the RTO estimate uses. */
@ConfigMapping(prefix = "skybridge.failover.planning")
public interface PlanningConfig {

    /** cloud → surge pool the deficit is requested from. */
    Map<String, SurgePool> surgePools();

    /** Expected time for a new node to join (the emulator with delays 0 needs ~1 s; real clouds ~60–120 s). */
    @WithDefault("90s")
    Duration nodeJoinTime();

    /** Pods force-deleted/recreated per second during the move, all parallel moves together. */
    @WithDefault("200")
    int podsPerSecond();

    /** Workloads moved at the same time (each move: one edit, then its pods deleted under {@link #podsPerSecond()}). */
    @WithDefault("16")
    int moveConcurrency();

    /** Time for a moved pod to become Ready. */
    @WithDefault("10s")
    Duration podStartTime();

    /** How long wave 1 waits for the requested nodes (from the plan) before moving the rest anyway, degraded. */
    @WithDefault("180s")
    Duration capacityTimeout();

    /** How long a moved workload may take to be Ready in the surviving cloud (from its move). */
    @WithDefault("300s")
    Duration verifyTimeout();

    interface SurgePool {
        String poolId();

        String region();

        String machineType();

        long cpuMillis();

        long memoryMib();

        /** Zones the pool spreads over (sent with the scale request: provisioning creates the pool if needed). */
        java.util.List<String> zones();

        /** Image of the pool's VMs (AMI id / Compute Engine image). */
        String image();

        /** Largest size the surge pool may reach. */
        @WithDefault("200")
        int maxNodes();

        @WithDefault("100")
        int maxAdditionalNodes();
    }
}

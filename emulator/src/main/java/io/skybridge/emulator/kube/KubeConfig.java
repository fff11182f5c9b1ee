package io.skybridge.emulator.kube;

import java.time.Duration;

/**
 * Timings of the simulated control plane. All delays may be zero. Defaults resemble a real cluster, shortened:
 * join 2 s, heartbeat 2 s, node-monitor grace 10 s, pod start 1 s, pod termination 1 s, loop tick 100 ms.
 */
public final class KubeConfig {
    public Duration joinDelay = Duration.ofSeconds(2);
    public Duration heartbeatInterval = Duration.ofSeconds(2);
    public Duration nodeMonitorGracePeriod = Duration.ofSeconds(10);
    public Duration podStartDelay = Duration.ofSeconds(1);
    public Duration podTerminationDelay = Duration.ofSeconds(1);
    public Duration tick = Duration.ofMillis(100);
    /** How often a pod that did not fit is tried again when no node changed. */
    public Duration unschedulableRetry = Duration.ofSeconds(1);
    /** Record core/v1 Events (Scheduled, FailedScheduling, RegisteredNode, NodeNotReady...). */
    public boolean recordEvents = true;

    public static KubeConfig defaults() {
        return new KubeConfig();
    }

    /** Everything immediate, a 20 ms tick, heartbeats every 100 ms, a 500 ms node-monitor grace. */
    public static KubeConfig fast() {
        KubeConfig c = new KubeConfig();
        c.joinDelay = Duration.ZERO;
        c.heartbeatInterval = Duration.ofMillis(100);
        c.nodeMonitorGracePeriod = Duration.ofMillis(500);
        c.podStartDelay = Duration.ZERO;
        c.podTerminationDelay = Duration.ZERO;
        c.tick = Duration.ofMillis(20);
        c.unschedulableRetry = Duration.ofMillis(200);
        return c;
    }

    public KubeConfig joinDelay(Duration d) {
        joinDelay = d;
        return this;
    }

    public KubeConfig heartbeatInterval(Duration d) {
        heartbeatInterval = d;
        return this;
    }

    public KubeConfig nodeMonitorGracePeriod(Duration d) {
        nodeMonitorGracePeriod = d;
        return this;
    }

    public KubeConfig podStartDelay(Duration d) {
        podStartDelay = d;
        return this;
    }

    public KubeConfig podTerminationDelay(Duration d) {
        podTerminationDelay = d;
        return this;
    }

    public KubeConfig tick(Duration d) {
        tick = d;
        return this;
    }

    public KubeConfig recordEvents(boolean b) {
        recordEvents = b;
        return this;
    }
}

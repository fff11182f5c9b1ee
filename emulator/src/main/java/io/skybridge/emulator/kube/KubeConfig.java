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

    /** What happens to silent nodes and their pods; see {@link NodeLifecycleMode}. */
    public volatile NodeLifecycleMode nodeLifecycle = NodeLifecycleMode.SIMPLE;
    /** {@code --node-eviction-rate}: nodes per second per zone whose pods get the NoExecute taint (UPSTREAM). */
    public double nodeEvictionRate = 0.1;
    /** {@code --secondary-node-eviction-rate}: the rate in a partially disrupted zone of a large cluster (UPSTREAM). */
    public double secondaryNodeEvictionRate = 0.01;
    /** {@code --unhealthy-zone-threshold}: share of not-Ready nodes (at least 3) that makes a zone partially disrupted. */
    public double unhealthyZoneThreshold = 0.55;
    /** {@code --large-cluster-size-threshold}: zones of at most this many nodes stop evicting when partially disrupted. */
    public int largeClusterSizeThreshold = 50;
    /** kube-apiserver {@code --default-not-ready-toleration-seconds}: what DefaultTolerationSeconds adds to pods. */
    public Duration defaultNotReadyTolerationSeconds = Duration.ofSeconds(300);
    /** kube-apiserver {@code --default-unreachable-toleration-seconds}. */
    public Duration defaultUnreachableTolerationSeconds = Duration.ofSeconds(300);

    /**
     * Node lifecycle behaviour. {@code SIMPLE}: a silent node turns Unknown with both unreachable taints at once
     * and nothing is evicted (what Skybridge's own tests need). {@code UPSTREAM}: kube-controller-manager's node
     * lifecycle and taint-eviction controllers with the flags above (kube-README.md, "Kubernetes' own node lifecycle").
     */
    public enum NodeLifecycleMode { SIMPLE, UPSTREAM }

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

    /**
     * kube-controller-manager's node lifecycle with its upstream defaults: {@code --node-monitor-grace-period} 50 s,
     * kubelet status every 10 s, eviction rates 0.1 / 0.01 nodes/s, default tolerations 300 s.
     */
    public KubeConfig upstreamNodeLifecycle() {
        nodeLifecycle = NodeLifecycleMode.UPSTREAM;
        nodeMonitorGracePeriod = Duration.ofSeconds(50);
        heartbeatInterval = Duration.ofSeconds(10);
        nodeEvictionRate = 0.1;
        secondaryNodeEvictionRate = 0.01;
        unhealthyZoneThreshold = 0.55;
        largeClusterSizeThreshold = 50;
        defaultNotReadyTolerationSeconds = Duration.ofSeconds(300);
        defaultUnreachableTolerationSeconds = Duration.ofSeconds(300);
        return this;
    }

    public KubeConfig defaultTolerationSeconds(Duration notReady, Duration unreachable) {
        defaultNotReadyTolerationSeconds = notReady;
        defaultUnreachableTolerationSeconds = unreachable;
        return this;
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

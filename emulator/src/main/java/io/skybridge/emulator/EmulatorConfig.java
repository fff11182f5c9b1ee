package io.skybridge.emulator;

import io.skybridge.emulator.kube.KubeConfig;
import io.skybridge.emulator.world.WorldSpec;

import java.time.Duration;
import java.util.Objects;

/**
 * How to start an {@link Emulator}. Ports 0 mean "pick a free port". Defaults: EC2 on 4566, Compute
 * Engine on 4567, control API on 4570, bound to 127.0.0.1, the demo world, a 2 s boot delay.
 */
public final class EmulatorConfig {
    String host = "127.0.0.1";
    int awsPort = 4566;
    int gcpPort = 4567;
    int controlPort = 4570;
    /** Kubernetes API (io.skybridge.emulator.kube); 0 = random. */
    int kubePort = 6443;
    KubeConfig kube = KubeConfig.defaults();
    WorldSpec world;
    Duration bootDelay = Duration.ofSeconds(2);
    Duration shutdownDelay = Duration.ofSeconds(1);
    Long seed;
    String advertisedHost;

    public static EmulatorConfig defaults() {
        return new EmulatorConfig();
    }

    /** All ports random, no boot delay: what embedded tests usually want. */
    public static EmulatorConfig forTests() {
        return new EmulatorConfig().ports(0, 0, 0).kubePort(0).kubeConfig(KubeConfig.fast()).bootDelay(Duration.ZERO).shutdownDelay(Duration.ZERO);
    }

    public EmulatorConfig host(String host) {
        this.host = Objects.requireNonNull(host);
        return this;
    }

    public EmulatorConfig ports(int aws, int gcp, int control) {
        this.awsPort = checkPort(aws);
        this.gcpPort = checkPort(gcp);
        this.controlPort = checkPort(control);
        return this;
    }

    public EmulatorConfig awsPort(int p) {
        this.awsPort = checkPort(p);
        return this;
    }

    public EmulatorConfig gcpPort(int p) {
        this.gcpPort = checkPort(p);
        return this;
    }

    public EmulatorConfig kubePort(int p) {
        this.kubePort = checkPort(p);
        return this;
    }

    /** Delays of the simulated Kubernetes control plane. */
    public EmulatorConfig kubeConfig(KubeConfig k) {
        this.kube = Objects.requireNonNull(k);
        return this;
    }

    public EmulatorConfig controlPort(int p) {
        this.controlPort = checkPort(p);
        return this;
    }

    public EmulatorConfig world(WorldSpec world) {
        this.world = world;
        return this;
    }

    public EmulatorConfig bootDelay(Duration d) {
        this.bootDelay = requireNonNegative(d);
        return this;
    }

    public EmulatorConfig shutdownDelay(Duration d) {
        this.shutdownDelay = requireNonNegative(d);
        return this;
    }

    /** Seed for the fault-injection dice (null: random). */
    public EmulatorConfig seed(Long seed) {
        this.seed = seed;
        return this;
    }

    /** Host name written into Compute Engine selfLinks (default: the bind host, or 127.0.0.1 when binding 0.0.0.0). */
    public EmulatorConfig advertisedHost(String h) {
        this.advertisedHost = h;
        return this;
    }

    private static int checkPort(int p) {
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port out of range: " + p);
        }
        return p;
    }

    private static Duration requireNonNegative(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("duration must be >= 0");
        }
        return d;
    }
}

package io.skybridge.emulator;

import io.skybridge.emulator.world.WorldSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone entry point: {@code java -jar skybridge-emulator.jar [options]}.
 * Every option can also be given as an environment variable (in brackets).
 */
public final class Main {
    private static final String USAGE = String.join("\n",
        "Usage: java -jar skybridge-emulator.jar [options]",
        "  --host HOST             bind address (SKYBRIDGE_EMULATOR_HOST, default 127.0.0.1)",
        "  --aws-port N            EC2 Query API port (SKYBRIDGE_EMULATOR_AWS_PORT, default 4566)",
        "  --gcp-port N            Compute Engine API port (SKYBRIDGE_EMULATOR_GCP_PORT, default 4567)",
        "  --control-port N        control API port (SKYBRIDGE_EMULATOR_CONTROL_PORT, default 4570)",
        "  --kube-port N           Kubernetes API port (SKYBRIDGE_EMULATOR_KUBE_PORT, default 6443)",
        "  --world FILE            world YAML (SKYBRIDGE_EMULATOR_WORLD, default: built-in demo world)",
        "  --boot-delay MS         VM boot delay in ms (SKYBRIDGE_EMULATOR_BOOT_DELAY_MS, default 2000)",
        "  --shutdown-delay MS     VM shutdown delay in ms (SKYBRIDGE_EMULATOR_SHUTDOWN_DELAY_MS, default 1000)",
        "  --advertised-host HOST  host written into Compute Engine selfLinks (SKYBRIDGE_EMULATOR_ADVERTISED_HOST)",
        "  --seed N                seed of the fault-injection dice (SKYBRIDGE_EMULATOR_SEED)",
        "  --kube-node-lifecycle M simple (default) or upstream: kube-controller-manager's node lifecycle and",
        "                          taint-based eviction with upstream defaults (SKYBRIDGE_EMULATOR_KUBE_NODE_LIFECYCLE)",
        "  --print-world           print the built-in world YAML and exit",
        "  --help");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        EmulatorConfig config;
        try {
            config = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (config == null) {
            return;
        }
        Emulator emulator = Emulator.start(config);
        System.out.println("skybridge-emulator started in " + emulator.startMillis() + " ms");
        System.out.println("  EC2 Query API    " + emulator.awsEndpoint());
        System.out.println("  Compute Engine   " + emulator.gcpComputeBaseUrl());
        System.out.println("  control API      " + emulator.controlEndpoint());
        System.out.println("  Kubernetes API   " + emulator.kubeUrl());
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "skybridge-emulator-shutdown"));
        stopped.await();
    }

    /** @return the configuration, or null when only help/world was printed */
    static EmulatorConfig parse(String[] args, Map<String, String> env) {
        EmulatorConfig c = EmulatorConfig.defaults();
        String host = env.get("SKYBRIDGE_EMULATOR_HOST");
        String aws = env.get("SKYBRIDGE_EMULATOR_AWS_PORT");
        String gcp = env.get("SKYBRIDGE_EMULATOR_GCP_PORT");
        String control = env.get("SKYBRIDGE_EMULATOR_CONTROL_PORT");
        String kube = env.get("SKYBRIDGE_EMULATOR_KUBE_PORT");
        String world = env.get("SKYBRIDGE_EMULATOR_WORLD");
        String boot = env.get("SKYBRIDGE_EMULATOR_BOOT_DELAY_MS");
        String shutdown = env.get("SKYBRIDGE_EMULATOR_SHUTDOWN_DELAY_MS");
        String advertised = env.get("SKYBRIDGE_EMULATOR_ADVERTISED_HOST");
        String seed = env.get("SKYBRIDGE_EMULATOR_SEED");
        String lifecycle = env.get("SKYBRIDGE_EMULATOR_KUBE_NODE_LIFECYCLE");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return null;
                }
                case "--print-world" -> {
                    try (var in = Main.class.getResourceAsStream("/skybridge-emulator/default-world.yaml")) {
                        System.out.write(in.readAllBytes());
                        System.out.flush();
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                    return null;
                }
                case "--host", "--aws-port", "--gcp-port", "--control-port", "--kube-port", "--world", "--boot-delay",
                     "--shutdown-delay", "--advertised-host", "--seed", "--kube-node-lifecycle" -> {
                    if (v == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(a + " needs a value");
                        }
                        v = args[++i];
                    }
                    switch (a) {
                        case "--host" -> host = v;
                        case "--aws-port" -> aws = v;
                        case "--gcp-port" -> gcp = v;
                        case "--control-port" -> control = v;
                        case "--kube-port" -> kube = v;
                        case "--world" -> world = v;
                        case "--boot-delay" -> boot = v;
                        case "--shutdown-delay" -> shutdown = v;
                        case "--advertised-host" -> advertised = v;
                        case "--kube-node-lifecycle" -> lifecycle = v;
                        default -> seed = v;
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (host != null) {
            c.host(host);
        }
        if (aws != null) {
            c.awsPort(num(aws, "aws port"));
        }
        if (gcp != null) {
            c.gcpPort(num(gcp, "gcp port"));
        }
        if (control != null) {
            c.controlPort(num(control, "control port"));
        }
        if (kube != null) {
            c.kubePort(num(kube, "kube port"));
        }
        if (world != null) {
            c.world(WorldSpec.load(Path.of(world)));
        }
        if (boot != null) {
            c.bootDelay(Duration.ofMillis(num(boot, "boot delay")));
        }
        if (shutdown != null) {
            c.shutdownDelay(Duration.ofMillis(num(shutdown, "shutdown delay")));
        }
        if (advertised != null) {
            c.advertisedHost(advertised);
        }
        if (seed != null) {
            c.seed((long) num(seed, "seed"));
        }
        if (lifecycle != null) {
            switch (lifecycle.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "upstream" -> c.kube.upstreamNodeLifecycle();
                case "simple" -> { }
                default -> throw new IllegalArgumentException("invalid kube node lifecycle: " + lifecycle + " (simple or upstream)");
            }
        }
        return c;
    }

    private static int num(String v, String what) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + what + ": " + v);
        }
    }
}

package io.skybridge.testing;

import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.EmulatorConfig;

import java.util.Map;

/**
 * {@link SkybridgeInfrastructure} plus the project's cloud emulator (EC2 + Compute Engine APIs and the
 * Kubernetes API with simulated kubelets, random ports, no boot delay) in this JVM. Services get {@code skybridge.cloud.*} endpoints pointing at it;
 * the real SDKs' default credential chain finds dummy keys in system properties. Tests reach the
 * emulator (outages, faults, inspection) through {@link #emulator()}.
 */
public class SkybridgeWithClouds extends SkybridgeInfrastructure {
    private static Emulator emulator;

    public static synchronized Emulator emulator() {
        return emulator(EmulatorConfig.forTests());
    }

    /** The emulator, started with {@code config} if it is not running yet (a benchmark's own settings). */
    public static synchronized Emulator emulator(EmulatorConfig config) {
        if (emulator == null) {
            emulator = Emulator.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-stop"));
        }
        return emulator;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(super.start());
        Emulator emu = emulator();
        System.setProperty("aws.accessKeyId", "skybridge-test");
        System.setProperty("aws.secretAccessKey", "skybridge-test-secret");
        System.setProperty("aws.region", "us-east-1");
        config.put("skybridge.cloud.aws.endpoint", emu.awsEndpoint().toString());
        config.put("skybridge.cloud.gcp.endpoint", emu.gcpEndpoint());
        config.put("skybridge.cloud.gcp.credentials", "none");
        // the emulator's Kubernetes API, for services using the fabric8 client (quarkus-kubernetes-client)
        config.put("skybridge.cloud.kubernetes.url", emu.kubeUrl());
        config.put("quarkus.kubernetes-client.api-server-url", emu.kubeUrl());
        config.put("quarkus.kubernetes-client.trust-certs", "true");
        config.put("quarkus.kubernetes-client.devservices.enabled", "false");
        // one replica per test: it leads its service's Lease before the first test runs
        config.put("skybridge.leader.await-at-start", "20s");
        return config;
    }
}

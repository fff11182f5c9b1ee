package io.skybridge.inventory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the inventory read model: capacity step, cluster watch, cloud drift sync. */
@ConfigMapping(prefix = "skybridge.inventory")
public interface InventoryConfig {

    Capacity capacity();

    Cluster cluster();

    Drift drift();

    Aws aws();

    Gcp gcp();

    /** Sent as {@code X-Skybridge-Client} on cloud calls. */
    @WithDefault("inventory")
    String clientName();

    interface Capacity {
        /** CapacityChanged is published when a cloud's CPU headroom moved by at least this many millicores... */
        @WithDefault("1000")
        long cpuStepMillis();

        /** ...or its memory headroom by at least this many bytes (default 1 GiB). */
        @WithDefault("1073741824")
        long memoryStepBytes();
    }

    interface Cluster {
        /** Watch Nodes, Pods, Deployments and StatefulSets of the cluster (quarkus.kubernetes-client.*). */
        @WithDefault("true")
        boolean enabled();

        /** Changes arriving within this window are projected together. */
        @WithDefault("50ms")
        Duration debounce();

        /** Informer resync period (0 = none). */
        @WithDefault("0s")
        Duration resync();
    }

    interface Drift {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("60s")
        String interval();

        /** A finding is reported once it was seen in this many consecutive passes (absorbs in-flight launches). */
        @WithDefault("2")
        int confirmations();
    }

    interface Aws {
        /** Regions whose instances are compared with the model. */
        @WithDefault("us-east-1")
        List<String> regions();

        /** Override of the EC2 endpoint (the emulator); absent in production. */
        Optional<URI> endpoint();

        @WithDefault("10s")
        Duration callTimeout();
    }

    interface Gcp {
        /** Projects whose instances are compared with the model (none: GCP is not synced). */
        Optional<List<String>> projects();

        /** Override of the Compute Engine endpoint, e.g. {@code http://127.0.0.1:4567}; absent in production. */
        Optional<String> endpoint();

        /** {@code default}: Application Default Credentials; {@code none}: no Authorization header (emulator). */
        @WithDefault("default")
        String credentials();

        @WithDefault("10s")
        Duration callTimeout();
    }
}

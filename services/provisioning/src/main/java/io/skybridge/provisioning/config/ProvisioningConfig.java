package io.skybridge.provisioning.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Cloud endpoints, the cluster join configuration and the node saga's settings. */
@ConfigMapping(prefix = "skybridge.provisioning")
public interface ProvisioningConfig {

    Aws aws();

    Gcp gcp();

    Join join();

    Saga saga();

    Policy policy();

    /** Sent as {@code X-Skybridge-Client} on cloud calls. */
    @WithDefault("provisioning")
    String clientName();

    interface Aws {
        /** Override of the EC2 endpoint (the emulator); absent in production. */
        Optional<URI> endpoint();

        /** Image used when a pool names none. */
        @WithDefault("ami-0abcdef1234567890")
        String defaultImage();

        /** {@code zone=subnet-id} pairs; without one the zone's default-VPC subnet is used. */
        Optional<List<String>> subnets();

        /** Security groups of the nodes; the VPC's default group when absent. */
        Optional<List<String>> securityGroups();

        /** Timeout of one API call including the SDK's own retries: a dark cloud must fail fast. */
        @WithDefault("10s")
        Duration callTimeout();

        /** Attempts the SDK makes itself (1 = no SDK retry; the saga has its own bounded backoff). */
        @WithDefault("2")
        int sdkAttempts();
    }

    interface Gcp {
        /** Override of the Compute Engine endpoint, e.g. {@code http://127.0.0.1:4567}; absent in production. */
        Optional<String> endpoint();

        /** {@code default}: Application Default Credentials; {@code none}: no Authorization header (emulator). */
        @WithDefault("default")
        String credentials();

        @WithDefault("skybridge-demo")
        String project();

        @WithDefault("skybridge-vpc")
        String network();

        @WithDefault("skybridge-nodes")
        String subnetwork();

        /** Image used when a pool names none. */
        @WithDefault("projects/debian-cloud/global/images/family/debian-12")
        String defaultImage();

        @WithDefault("10s")
        Duration callTimeout();

        /** How long to wait for an instance insert/delete operation. */
        @WithDefault("120s")
        Duration operationTimeout();
    }

    interface Join {
        /** The Kubernetes API the nodes join. */
        String apiServer();

        /** Bootstrap token; prefer {@link #tokenSecret()} in production. Never logged. */
        Optional<String> token();

        /** Secret (in {@link #tokenSecretNamespace()}) whose key {@code token} holds the bootstrap token. */
        Optional<String> tokenSecret();

        @WithDefault("kube-system")
        String tokenSecretNamespace();

        /** A VM that has not become a Ready Node this long after it runs is terminated (JOIN_TIMEOUT). */
        @WithDefault("5m")
        Duration timeout();
    }

    interface Saga {
        /** Threads making blocking cloud calls for nodes in parallel. */
        @WithDefault("16")
        int workers();

        /** Attempts of one launch while the cloud throttles. */
        @WithDefault("5")
        int throttleAttempts();

        /** First backoff after a throttled call (doubles, with full jitter). */
        @WithDefault("200ms")
        Duration backoffBase();

        @WithDefault("5s")
        Duration backoffMax();

        /**
         * At most this many nodes of one scale-up in one zone with one machine type are launched by one call
         * (EC2 RunInstances with MinCount = MaxCount); 1 launches every node on its own.
         */
        @WithDefault("100")
        int launchBatchSize();

        /** How often a launched VM is polled until it runs. */
        @WithDefault("500ms")
        Duration bootPoll();

        /** How long a VM may take to run. */
        @WithDefault("10m")
        Duration bootTimeout();

        /** How often every pool is reconciled (resumes persisted phases, replaces lost VMs, join timeouts). */
        @WithDefault("15s")
        String reconcileInterval();

        /** After a node failed, how long the periodic reconcile waits before it tries the pool's cloud again. */
        @WithDefault("60s")
        Duration failureCooldown();

        /** How long an eviction refused by a disruption budget is retried before the node is terminated anyway. */
        @WithDefault("2m")
        Duration drainTimeout();
    }

    /**
     * What a scale request may ask for beyond its schema: a VM receives the cluster's join token, so it may boot only
     * an image the operators trust, with a machine type of the provider's form (it becomes part of a URL path on
     * Compute Engine).
     */
    interface Policy {
        /** AMIs a pool may boot (exact ids); the configured default image is always allowed. */
        @WithDefault("ami-0abcdef1234567890")
        List<String> awsImages();

        /**
         * Compute Engine projects whose images a pool may boot ({@code projects/<project>/global/images/…}); the
         * configured default image is always allowed.
         */
        @WithDefault("debian-cloud")
        List<String> gcpImageProjects();

        /** Exact Compute Engine images allowed besides those of {@link #gcpImageProjects()}. */
        Optional<List<String>> gcpImages();

        /** EC2 instance types, e.g. {@code m5.large}, {@code m7g.metal-48xl}. */
        @WithDefault("^[a-z][a-z0-9-]{0,15}[.][a-z0-9-]{1,24}$")
        String awsMachineTypePattern();

        /** Compute Engine machine types, e.g. {@code e2-standard-4}, {@code n2-custom-4-8192}. */
        @WithDefault("^[a-z][a-z0-9-]{0,62}$")
        String gcpMachineTypePattern();

        /** EC2 user data limit (raw, before base64). */
        @WithDefault("16384")
        int awsUserDataBytes();

        /** Compute Engine limit of one metadata value. */
        @WithDefault("262144")
        int gcpUserDataBytes();
    }
}

package io.skybridge.networking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Cloud endpoints, link monitoring and saga settings of the networking service. */
@ConfigMapping(prefix = "skybridge.networking")
public interface NetworkingConfig {

    Aws aws();

    Gcp gcp();

    Monitor monitor();

    Saga saga();

    /** Sent as {@code X-Skybridge-Client} on cloud calls: names this observer (the emulator can partition it). */
    @WithDefault("networking")
    String clientName();

    /** Where this instance runs ({@code aws}, {@code gcp} or a third site such as {@code onprem}): tags health samples. */
    @WithDefault("onprem")
    String observerLocation();

    interface Aws {
        /** Region of the EC2 client (the link's own region is used per call where it differs). */
        @WithDefault("us-east-1")
        String region();

        /** Override of the EC2 endpoint (the emulator); absent in production. */
        Optional<URI> endpoint();

        /** API call timeout: a dark cloud must fail fast. */
        @WithDefault("10s")
        Duration callTimeout();
    }

    interface Gcp {
        /** Override of the Compute Engine endpoint, e.g. {@code http://127.0.0.1:4567}; absent in production. */
        Optional<String> endpoint();

        /** {@code default}: Application Default Credentials; {@code none}: no Authorization header (emulator). */
        @WithDefault("default")
        String credentials();

        /** Total timeout of one call including retries. */
        @WithDefault("15s")
        Duration callTimeout();

        /** How long to wait for a long-running operation. */
        @WithDefault("120s")
        Duration operationTimeout();
    }

    interface Monitor {
        /** Tunnel polling, and this observer's health samples of both clouds (detection evidence). */
        @WithDefault("500ms")
        Duration interval();

        /**
         * The monitor's AWS telemetry call: one attempt, answered within this or counted as the cloud failing (a
         * hung API shows up after this long, timestamped when the call was made).
         */
        @WithDefault("3s")
        Duration callTimeout();

        @WithDefault("true")
        boolean enabled();
    }

    interface Saga {
        /** Attempts of one step before the saga compensates. */
        @WithDefault("3")
        int stepAttempts();

        @WithDefault("500ms")
        Duration retryBackoff();

        /** How often links left mid-saga (e.g. by a crash) are picked up again. */
        @WithDefault("10s")
        Duration resumeInterval();
    }
}

package io.skybridge.inventory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The operator console that inventory serves at {@code /console/}: its live feed of the topics, the services whose
 * REST APIs it forwards to (same origin for the browser), and where traces are kept.
 */
@ConfigMapping(prefix = "skybridge.console")
public interface ConsoleConfig {

    Feed feed();

    /**
     * Base URL of each service the console reads through {@code /console/api/<service>/…} ({@code failover},
     * {@code provisioning}, {@code networking}); a service that is not named answers 503 with a reason.
     */
    Map<String, String> services();

    /** Timeout of one forwarded call. */
    @WithDefault("5s")
    Duration forwardTimeout();

    /** A directory of span files (JSON lines, {@code skybridge.tracing.file}) behind the console's trace page. */
    Optional<String> traceDir();

    /**
     * Where an event's trace link points ({@code {traceId}} is replaced): the console's own trace page by default,
     * a tracing UI (Jaeger, Tempo) in production.
     */
    @WithDefault("#/traces/{traceId}")
    String traceLink();

    interface Feed {
        /** Every replica streams the topics to its own console clients (read-only: no leader needed). */
        @WithDefault("true")
        boolean enabled();

        /** How far back the feed starts when the replica boots (records since then are replayed to new clients). */
        @WithDefault("1h")
        Duration history();

        /**
         * Records kept in memory for clients that connect later and for the incident pages (health observations apart:
         * a tenth of this many of them).
         */
        @WithDefault("5000")
        int buffer();
    }
}

package io.skybridge.failover.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Set;

@ConfigMapping(prefix = "skybridge.failover")
public interface FailoverConfig {

    Detection detection();

    Saga saga();

    Failback failback();

    Metrics metrics();

    interface Metrics {
        /** How often each replica reads the open incidents for {@code skybridge_failover_incidents_open}. */
        @WithDefault("10s")
        Duration refresh();
    }

    interface Saga {
        /**
         * A pause between CORDON and MOVE: a game-day aid (time to look at the cordoned cloud before anything
         * moves, or to kill the service there and watch it resume). 0 in production.
         */
        @WithDefault("0s")
        Duration pauseBeforeMove();
    }

    interface Failback {
        /** {@code manual} (a FailbackRequested intent) or {@code automatic} (on clearance; OUTAGE incidents only). */
        @WithDefault("manual")
        String policy();

        /** How long failback waits for each workload to be Ready on its preferred cloud again. */
        @WithDefault("300s")
        Duration workloadTimeout();

        default boolean automatic() {
            return "automatic".equalsIgnoreCase(policy());
        }
    }

    interface Detection {
        @WithDefault("aws,gcp")
        Set<String> clouds();

        /** Q: distinct observers that must agree. */
        @WithDefault("2")
        int quorum();

        /** T: how long the quorum must hold. */
        @WithDefault("3s")
        Duration sustain();

        /** W: healthy this long before recovery; at most one declaration per cloud per W. */
        @WithDefault("60s")
        Duration stabilisation();

        /** How often the detector is evaluated between samples (a sustained quorum is declared at most this late). */
        @WithDefault("100ms")
        Duration evaluateEvery();

        /** Samples older than this are no evidence. */
        @WithDefault("15s")
        Duration sampleTtl();

        /**
         * How far before the detector first saw a quorum its evidence may date it: covers a failed call's timeout
         * (the prober's is 3 s) plus transport; also the most a lagging observer clock can shorten T.
         */
        @WithDefault("4s")
        Duration evidenceAge();
    }
}

package io.skybridge.failover.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Set;

@ConfigMapping(prefix = "skybridge.failover")
public interface FailoverConfig {

    Detection detection();

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

        /** Samples older than this are no evidence. */
        @WithDefault("15s")
        Duration sampleTtl();
    }
}

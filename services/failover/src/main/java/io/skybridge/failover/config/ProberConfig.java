package io.skybridge.failover.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The failover service's own prober: one more observer of both clouds. */
@ConfigMapping(prefix = "skybridge.failover.prober")
public interface ProberConfig {

    @WithDefault("true")
    boolean enabled();

    /** Delay between two probe passes (both clouds); sub-second values are honoured. */
    @WithDefault("500ms")
    Duration interval();

    /** Where this instance runs: aws, gcp or a third site (tags every sample). */
    @WithDefault("onprem")
    String location();

    /** Sent as {@code X-Skybridge-Client}; also the observer's name. */
    @WithDefault("failover-prober")
    String clientName();

    /** A call slower than this counts as a failure. */
    @WithDefault("3s")
    Duration timeout();

    /** Share of a cloud's nodes not Ready above which its node heartbeats count as failing. */
    @WithDefault("0.5")
    double notReadyShare();

    @WithDefault("us-east-1")
    String awsRegion();

    Optional<URI> awsEndpoint();

    @WithDefault("skybridge-demo")
    String gcpProject();

    Optional<String> gcpEndpoint();

    @WithDefault("default")
    String gcpCredentials();
}

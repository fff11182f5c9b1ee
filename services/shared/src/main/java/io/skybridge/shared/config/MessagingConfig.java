package io.skybridge.shared.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits and timings of the shared messaging. */
@ConfigMapping(prefix = "skybridge.messaging")
public interface MessagingConfig {
    /** Records larger than this are refused and dead-lettered. */
    @WithDefault("262144")
    int maxRecordBytes();

    /** How many outbox rows one relay pass publishes at most. */
    @WithDefault("200")
    int relayBatchSize();

    /** How long the relay waits for Kafka to acknowledge one record. */
    @WithDefault("30s")
    Duration relaySendTimeout();

    /** The schema holding the outbox table (the service's own schema). */
    String schema();
}

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

    /**
     * Outgoing records larger than this (value, key and headers) are never handed to the producer: their outbox row
     * fails and is parked. Below the producer's {@code max.request.size} (1 MiB by default) and the broker's
     * {@code message.max.bytes}.
     */
    @WithDefault("1000000")
    int maxOutgoingRecordBytes();

    /** How many outbox rows one relay pass publishes at most. */
    @WithDefault("200")
    int relayBatchSize();

    /** How long the relay waits for Kafka to acknowledge one record. */
    @WithDefault("30s")
    Duration relaySendTimeout();

    /**
     * Non-retriable send failures (record too large, invalid topic, headers that do not parse) after which an outbox
     * row is parked: kept with its error, counted in {@code skybridge_outbox_parked_total}, no longer sent. Retriable
     * failures (a broker down or slow) never park a row.
     */
    @WithDefault("5")
    int relayMaxAttempts();

    /** The schema holding the outbox table (the service's own schema). */
    String schema();
}

package io.skybridge.contracts.health;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * One health sample of a cloud, tagged with who observed it and from where (evidence for outage detection).
 *
 * @param cloud Cloud observed.
 * @param region Region observed, when the check is regional. Optional (null when absent).
 * @param observer Observer identity (service instance or prober).
 * @param observerLocation Where the observer runs: aws, gcp, or a third site such as onprem.
 * @param check What was checked.
 * @param healthy Verdict of this sample.
 * @param latencyMs Latency of the check, when it answered. Optional (null when absent).
 * @param detail Error or status detail. Optional (null when absent).
 * @param observedAt RFC 3339 timestamp (UTC).
 */
public record CloudHealthObserved(
        String cloud,
        String region,
        String observer,
        String observerLocation,
        String check,
        boolean healthy,
        Long latencyMs,
        String detail,
        Instant observedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return cloud;
    }
}

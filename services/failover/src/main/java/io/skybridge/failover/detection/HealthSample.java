package io.skybridge.failover.detection;

import java.time.Instant;

/** One piece of evidence: {@code observer}, running in {@code location}, saw {@code cloud} healthy or not. */
public record HealthSample(String cloud, String observer, String location, boolean healthy, Instant observedAt) {
}

package io.skybridge.contracts.failover;

import java.time.Instant;

/**
 * When each stage of a failover happened.
 *
 * @param evidenceFirstSeenAt First evidence of the outage.
 * @param declaredAt Outage declared.
 * @param planComputedAt Plan published.
 * @param capacityReadyAt Requested nodes joined (or the capacity step timed out). Optional (null when absent).
 * @param movesStartedAt First workload patched. Optional (null when absent).
 * @param allReadyAt Every moved workload Ready in the surviving cloud. Optional (null when absent).
 * @param waves The waves of moves, in order (progressive failover). Optional (null when absent).
 */
public record FailoverTimeline(
        Instant evidenceFirstSeenAt,
        Instant declaredAt,
        Instant planComputedAt,
        Instant capacityReadyAt,
        Instant movesStartedAt,
        Instant allReadyAt,
        java.util.List<FailoverWave> waves) {
}

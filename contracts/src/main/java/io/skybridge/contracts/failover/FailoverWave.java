package io.skybridge.contracts.failover;

import java.time.Instant;

/**
 * One wave of a progressive failover's moves.
 *
 * @param wave 0: the moves that fit the surviving cloud's headroom, made at once; 1: the moves made as surge nodes became Ready.
 * @param workloads Workloads moved in this wave.
 * @param movesStartedAt First workload of the wave patched. Optional (null when absent).
 * @param allReadyAt Every workload of the wave Ready in the surviving cloud. Optional (null when absent).
 */
public record FailoverWave(
        int wave,
        int workloads,
        Instant movesStartedAt,
        Instant allReadyAt) {
}

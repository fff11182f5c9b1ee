package io.skybridge.contracts.failover;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * A failover stopped at {@code step}.
 *
 * @param incidentId Incident id (for a drill: the drill id).
 * @param epoch Fencing epoch of the incident (monotonic); actions with a stale epoch are refused.
 * @param reason Typed failure reason.
 * @param step Saga step that failed.
 * @param message Detail. Optional (null when absent).
 * @param failedAt RFC 3339 timestamp (UTC).
 */
public record FailoverFailed(
        String incidentId,
        long epoch,
        String reason,
        String step,
        String message,
        Instant failedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return incidentId;
    }
}

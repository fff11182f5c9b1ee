package io.skybridge.contracts.failover;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * A cloud is declared out. {@code epoch} is the fencing epoch every action of this incident carries;
 * {@code manual} tells an operator's declaration from a quorum's.
 */
public record OutageDeclared(
        String incidentId,
        String cloud,
        String region,
        long epoch,
        boolean manual,
        String declaredBy,
        String reason,
        Instant declaredAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return incidentId;
    }
}

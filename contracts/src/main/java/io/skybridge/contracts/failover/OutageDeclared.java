package io.skybridge.contracts.failover;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * A cloud is declared out. {@code epoch} is the fencing epoch every action of this incident carries;
 * {@code manual} tells an operator's declaration from a quorum's; {@code kind} is OUTAGE (default) or COMPROMISE.
 */
public record OutageDeclared(
        String incidentId,
        String cloud,
        String region,
        long epoch,
        boolean manual,
        String declaredBy,
        String reason,
        Instant declaredAt,
        String kind) implements SkybridgeMessage {

    /** An OUTAGE incident (kind absent on the wire means OUTAGE). */
    public OutageDeclared(String incidentId, String cloud, String region, long epoch, boolean manual, String declaredBy,
                          String reason, Instant declaredAt) {
        this(incidentId, cloud, region, epoch, manual, declaredBy, reason, declaredAt, null);
    }

    @Override
    public String aggregateId() {
        return incidentId;
    }
}

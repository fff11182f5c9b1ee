package io.skybridge.contracts.failover;

import io.skybridge.contracts.SkybridgeMessage;

/**
 * Compute (and, with {@code dryRun=false}, execute) the failover plan away from {@code from}.
 *
 * @param drillId Drill id; the plan's incidentId.
 * @param from Cloud assumed lost.
 * @param dryRun True: publish the plan only, touch nothing.
 */
public record FailoverDrillRequested(
        String drillId,
        String from,
        boolean dryRun) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return drillId;
    }
}

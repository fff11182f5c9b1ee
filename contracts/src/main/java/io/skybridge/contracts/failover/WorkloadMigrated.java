package io.skybridge.contracts.failover;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * A workload has its replicas Ready in the surviving cloud.
 *
 * @param incidentId Incident id (for a drill: the drill id).
 * @param epoch Fencing epoch of the incident (monotonic); actions with a stale epoch are refused.
 * @param workloadId &lt;namespace&gt;/&lt;kind&gt;/&lt;name&gt;.
 * @param from Failed cloud.
 * @param to Surviving cloud.
 * @param replicasReady Replicas Ready in the surviving cloud.
 * @param podsForceDeleted Pods force-deleted from unreachable nodes.
 * @param migratedAt RFC 3339 timestamp (UTC).
 */
public record WorkloadMigrated(
        String incidentId,
        long epoch,
        String workloadId,
        String from,
        String to,
        int replicasReady,
        int podsForceDeleted,
        Instant migratedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return incidentId;
    }
}

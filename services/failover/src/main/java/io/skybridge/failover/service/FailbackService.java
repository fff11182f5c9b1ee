package io.skybridge.failover.service;

import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.common.IntentAccepted;
import io.skybridge.failover.domain.FailoverRun;
import io.skybridge.failover.domain.Incident;
import io.skybridge.failover.domain.IncidentState;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.messaging.RejectedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Accepts failback for an incident (an operator's {@code FailbackRequested}, or the automatic policy on
 * clearance) and records it on the incident's failover run; {@code FailbackSaga} carries it out. Refused: an
 * unknown incident, a stale epoch, a cloud still declared out, no failover to undo, a failback already done.
 * Call inside a transaction.
 */
@ApplicationScoped
public class FailbackService {

    @Inject
    EventPublisher events;

    public Uni<Void> request(String incidentId, Long epoch, String principal, EventMetadata cause, String ceType) {
        return Incident.<Incident>findById(incidentId).chain(incident -> {
            if (incident == null) {
                throw new RejectedException("unknown incident " + incidentId, List.of("incidentId: no such incident"));
            }
            if (epoch != null && epoch != incident.epoch) {
                throw new RejectedException("STALE_EPOCH: incident " + incidentId + " has epoch " + incident.epoch,
                        List.of("epoch " + epoch + " is not the incident's epoch " + incident.epoch));
            }
            if (incident.state == IncidentState.DECLARED) {
                throw new RejectedException(incident.cloud + " is still declared out",
                        List.of("clear incident " + incidentId + " first (OutageClearanceRequested)"));
            }
            return FailoverRun.<FailoverRun>findById(incidentId).chain(run -> {
                if (run == null) {
                    throw new RejectedException("no failover ran for incident " + incidentId,
                            List.of("nothing to fail back"));
                }
                if (FailoverRun.COMPLETED.equals(run.failbackStatus)) {
                    throw new RejectedException("incident " + incidentId + " is already failed back",
                            List.of("failback completed at " + run.failbackCompletedAt));
                }
                if (run.failbackStatus == null || FailoverRun.FAILED.equals(run.failbackStatus)) {
                    run.failbackStatus = FailoverRun.REQUESTED;
                    run.failbackAutomatic = false;
                    run.failbackRequestedBy = principal;
                }
                return events.publish(new IntentAccepted(cause.id(), ceType, incidentId), cause).replaceWithVoid();
            });
        });
    }

    /** The automatic policy: an OUTAGE incident just cleared fails back (a COMPROMISE never does). */
    public Uni<Void> automaticOnClearance(Incident incident) {
        if (incident.compromise()) {
            return Uni.createFrom().voidItem();
        }
        return FailoverRun.<FailoverRun>findById(incident.id).invoke(run -> {
            if (run != null && run.failbackStatus == null) {
                run.failbackStatus = FailoverRun.REQUESTED;
                run.failbackAutomatic = true;
                run.failbackRequestedBy = "policy:automatic";
            }
        }).replaceWithVoid();
    }
}

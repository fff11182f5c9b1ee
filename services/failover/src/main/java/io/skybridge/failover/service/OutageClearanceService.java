package io.skybridge.failover.service;

import io.skybridge.contracts.failover.OutageClearanceRequested;
import io.skybridge.failover.detection.OutageDetection;
import io.skybridge.failover.repository.IncidentRepository;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.RejectedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** An operator clears an outage (manual override of detection), recorded with the acting principal. */
@ApplicationScoped
public class OutageClearanceService {

    @Inject
    IncidentRepository incidents;

    @Inject
    IncidentService incidentService;

    @Inject
    OutageDetection detection;

    public Uni<Void> clear(InboundMessage<OutageClearanceRequested> message) {
        OutageClearanceRequested r = message.payload();
        String principal = message.metadata().principal();
        if (principal == null || principal.isBlank()) {
            return Uni.createFrom().failure(new RejectedException("a manual clearance needs an acting principal",
                    List.of("ce_principal header is missing")));
        }
        return incidents.openExactly(r.cloud(), r.region()).chain(open -> {
            if (open == null) {
                String scope = r.region() == null ? r.cloud() : r.cloud() + "/" + r.region();
                throw new RejectedException("no open incident for " + scope, List.of(scope + " is not declared out"));
            }
            return incidentService.clear(open, true, principal, r.reason(), null, message.metadata());
        }).invoke(incident -> {
            if (incident.region == null) {
                detection.detector().markHealthy(incident.cloud);
            }
            if (incident.compromise()) {
                detection.detector().trustLocation(incident.cloud);
            }
        }).replaceWithVoid();
    }
}

package io.skybridge.failover.service;

import io.skybridge.contracts.failover.OutageDeclarationRequested;
import io.skybridge.failover.detection.OutageDetection;
import io.skybridge.failover.domain.Incident;
import io.skybridge.failover.repository.IncidentRepository;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.RejectedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;

/** An operator's manual declaration: overrides detection, recorded with the acting principal. */
@ApplicationScoped
public class OutageDeclarationService {

    @Inject
    IncidentRepository incidents;

    @Inject
    IncidentService incidentService;

    @Inject
    OutageDetection detection;

    public Uni<Void> declare(InboundMessage<OutageDeclarationRequested> message) {
        OutageDeclarationRequested request = message.payload();
        if (Incident.COMPROMISE.equals(request.effectiveKind()) && request.region() != null) {
            return Uni.createFrom().failure(new RejectedException("a COMPROMISE covers a whole cloud account",
                    List.of("region must be absent for kind COMPROMISE")));
        }
        String principal = message.metadata().principal();
        if (principal == null || principal.isBlank()) {
            return Uni.createFrom().failure(new RejectedException("a manual declaration needs an acting principal",
                    List.of("ce_principal header is missing")));
        }
        return incidents.openCovering(request.cloud(), request.region()).chain(open -> {
            if (open != null) {
                String scope = request.region() == null ? request.cloud() : request.cloud() + "/" + request.region();
                throw new RejectedException(scope + " is already declared out",
                        List.of("incident " + open.id + " (epoch " + open.epoch + ") is open for " + request.cloud()));
            }
            return incidentService.declare(new IncidentService.Declaration(request.cloud(), request.region(), true,
                    principal, request.reason(), request.effectiveKind(), null), message.metadata());
        }).invoke(incident -> {
            if (incident.region == null) {
                detection.detector().markOut(incident.cloud, Instant.now());
            }
            if (incident.compromise()) {
                // evidence from inside a compromised cloud is not to be trusted
                detection.detector().distrustLocation(incident.cloud);
            }
        }).replaceWithVoid();
    }
}

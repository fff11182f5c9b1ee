package io.skybridge.failover.service;

import io.skybridge.contracts.failover.OutageDeclarationRequested;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.failover.domain.Incident;
import io.skybridge.failover.domain.IncidentState;
import io.skybridge.failover.repository.FencingEpochRepository;
import io.skybridge.failover.repository.IncidentRepository;
import io.skybridge.shared.messaging.EventPublisher;
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
    FencingEpochRepository epochs;

    @Inject
    EventPublisher events;

    public Uni<Void> declare(InboundMessage<OutageDeclarationRequested> message) {
        OutageDeclarationRequested request = message.payload();
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
            return epochs.next();
        }).chain(epoch -> incidents.persist(newIncident(request, principal, epoch)))
                .chain(incident -> events.publish(new OutageDeclared(incident.id, incident.cloud, incident.region,
                        incident.epoch, true, incident.declaredBy, incident.reason, incident.declaredAt),
                        message.metadata()))
                .replaceWithVoid();
    }

    private static Incident newIncident(OutageDeclarationRequested request, String principal, long epoch) {
        Incident incident = new Incident();
        incident.id = "inc-" + epoch + "-" + request.cloud() + (request.region() == null ? "" : "-" + request.region());
        incident.cloud = request.cloud();
        incident.region = request.region();
        incident.epoch = epoch;
        incident.state = IncidentState.DECLARED;
        incident.manual = true;
        incident.declaredBy = principal;
        incident.reason = request.reason();
        incident.declaredAt = Instant.now();
        return incident;
    }
}

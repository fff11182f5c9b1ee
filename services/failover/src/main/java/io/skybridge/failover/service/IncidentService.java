package io.skybridge.failover.service;

import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.failover.OutageCleared;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.failover.config.FailoverConfig;
import io.skybridge.failover.domain.Incident;
import io.skybridge.failover.domain.IncidentState;
import io.skybridge.failover.repository.FencingEpochRepository;
import io.skybridge.failover.repository.IncidentRepository;
import io.skybridge.shared.messaging.EventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/**
 * Opens and closes incidents: each declaration takes the next fencing epoch and is announced with
 * {@code OutageDeclared}; each clearance with {@code OutageCleared} (and, under the automatic failback
 * policy, a failback request for an OUTAGE incident). Call inside a transaction.
 */
@ApplicationScoped
public class IncidentService {

    @Inject
    IncidentRepository incidents;

    @Inject
    FencingEpochRepository epochs;

    @Inject
    EventPublisher events;

    /** {@code kind} OUTAGE or COMPROMISE; {@code firstEvidenceAt} null for a manual declaration. */
    public record Declaration(String cloud, String region, boolean manual, String declaredBy, String reason, String kind,
                              Instant firstEvidenceAt) {
    }

    @Inject
    FailbackService failback;

    @Inject
    FailoverConfig config;

    @Inject
    io.skybridge.shared.messaging.MessageTracing tracing;

    /** @return the new incident, or null when an open incident already covers that scope */
    public Uni<Incident> declareUnlessCovered(Declaration d, EventMetadata cause) {
        return incidents.openCovering(d.cloud(), d.region())
                .chain(open -> open != null ? Uni.createFrom().nullItem() : declare(d, cause));
    }

    /** Declares unconditionally (the caller checked coverage). */
    public Uni<Incident> declare(Declaration d, EventMetadata cause) {
        // the incident's trace: a child of the declaring intent's span, or a new trace for the detector's declaration
        io.opentelemetry.api.trace.Span span = tracing.step("declare " + (d.kind() == null ? Incident.OUTAGE : d.kind())
                + " of " + d.cloud(), cause == null ? null : cause.traceparent());
        return declareTraced(d, cause, io.skybridge.shared.messaging.MessageTracing.traceparent(span))
                .onTermination().invoke((done, failure, cancelled) -> io.skybridge.shared.messaging.MessageTracing.end(span, failure));
    }

    private Uni<Incident> declareTraced(Declaration d, EventMetadata cause, String traceparent) {
        return epochs.next().chain(epoch -> {
            Incident incident = new Incident();
            incident.id = "inc-" + epoch + "-" + d.cloud() + (d.region() == null ? "" : "-" + d.region());
            incident.cloud = d.cloud();
            incident.region = d.region();
            incident.epoch = epoch;
            incident.state = IncidentState.DECLARED;
            incident.manual = d.manual();
            incident.declaredBy = d.declaredBy();
            incident.reason = d.reason();
            incident.declaredAt = Instant.now();
            incident.kind = d.kind() == null ? Incident.OUTAGE : d.kind();
            incident.firstEvidenceAt = d.firstEvidenceAt();
            incident.traceparent = traceparent;
            return incidents.persist(incident);
        }).call(incident -> events.publishTraced(new OutageDeclared(incident.id, incident.cloud, incident.region,
                incident.epoch, incident.manual, incident.declaredBy, incident.reason, incident.declaredAt,
                incident.kind), cause, traceparent));
    }

    public Uni<Incident> clear(Incident incident, boolean manual, String clearedBy, String reason, Instant healthySince,
                               EventMetadata cause) {
        incident.state = IncidentState.CLEARED;
        incident.clearedAt = Instant.now();
        return events.publish(new OutageCleared(incident.id, incident.cloud, incident.region, incident.epoch, manual,
                clearedBy, reason, healthySince, incident.clearedAt), cause)
                .chain(() -> config.failback().automatic() ? failback.automaticOnClearance(incident)
                        : Uni.createFrom().voidItem())
                .replaceWith(incident);
    }
}

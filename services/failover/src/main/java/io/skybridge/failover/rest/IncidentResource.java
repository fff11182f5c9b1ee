package io.skybridge.failover.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.skybridge.failover.domain.FailoverRun;
import io.skybridge.failover.domain.Incident;
import io.skybridge.failover.repository.IncidentRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Incidents, newest first. */
@Path("/incidents")
@Produces(MediaType.APPLICATION_JSON)
@WithSession
public class IncidentResource {

    @Inject
    IncidentRepository incidents;

    /**
     * The incident's failover run: saga step and status, when each stage was reached (null until then), and failback
     * status (null until requested).
     */
    public record RunView(String from, String to, String step, String status, boolean degraded, int workloadsMigrated,
                          Instant planAt, Instant capacityAt, Instant movesAt, Instant readyAt, Instant completedAt,
                          String failbackStatus) {
        static RunView of(FailoverRun r) {
            return r == null ? null : new RunView(r.fromCloud, r.toCloud, r.step, r.status, r.degraded, r.workloadsMigrated,
                    r.planAt, r.capacityAt, r.movesAt, r.readyAt, r.completedAt, r.failbackStatus);
        }
    }

    /** An incident and its run; {@code traceId} is the trace of its story (null when it was not traced). */
    public record IncidentView(String id, String cloud, String region, long epoch, String kind, String state,
                               boolean manual, String declaredBy, String reason, Instant declaredAt, Instant clearedAt,
                               String traceId, RunView failover) {
        static IncidentView of(Incident i, FailoverRun run) {
            return new IncidentView(i.id, i.cloud, i.region, i.epoch, i.kind, i.state.name(), i.manual, i.declaredBy,
                    i.reason, i.declaredAt, i.clearedAt, io.skybridge.shared.messaging.MessageTracing.traceId(i.traceparent), RunView.of(run));
        }
    }


    @GET
    public Uni<List<IncidentView>> list() {
        return incidents.find("order by epoch desc").list().chain(all -> FailoverRun.<FailoverRun>listAll().map(runs -> {
            Map<String, FailoverRun> byIncident = runs.stream().collect(Collectors.toMap(r -> r.incidentId, r -> r));
            return all.stream().map(i -> IncidentView.of(i, byIncident.get(i.id))).toList();
        }));
    }

    @GET
    @Path("/{id}")
    public Uni<IncidentView> get(@PathParam("id") String id) {
        return incidents.findById(id).chain(i -> {
            if (i == null) {
                throw new NotFoundException("no incident " + id);
            }
            return FailoverRun.<FailoverRun>findById(id).map(run -> IncidentView.of(i, run));
        });
    }
}

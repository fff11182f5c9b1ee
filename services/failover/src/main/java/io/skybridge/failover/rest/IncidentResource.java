package io.skybridge.failover.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
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

/** Incidents, newest first. */
@Path("/incidents")
@Produces(MediaType.APPLICATION_JSON)
@WithSession
public class IncidentResource {

    @Inject
    IncidentRepository incidents;

    public record IncidentView(String id, String cloud, String region, long epoch, String state, boolean manual,
                               String declaredBy, String reason, Instant declaredAt, Instant clearedAt) {
        static IncidentView of(Incident i) {
            return new IncidentView(i.id, i.cloud, i.region, i.epoch, i.state.name(), i.manual, i.declaredBy, i.reason,
                    i.declaredAt, i.clearedAt);
        }
    }

    @GET
    public Uni<List<IncidentView>> list() {
        return incidents.find("order by epoch desc").list().map(all -> all.stream().map(IncidentView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<IncidentView> get(@PathParam("id") String id) {
        return incidents.findById(id).map(i -> {
            if (i == null) {
                throw new NotFoundException("no incident " + id);
            }
            return IncidentView.of(i);
        });
    }
}

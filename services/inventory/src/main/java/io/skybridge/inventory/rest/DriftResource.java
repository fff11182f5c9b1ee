package io.skybridge.inventory.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.skybridge.inventory.domain.Drift;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/** Open drift findings of the last cloud sync. */
@Path("/drift")
@Produces(MediaType.APPLICATION_JSON)
@WithSession
public class DriftResource {

    public record DriftView(String cloud, String region, String kind, String instanceId, String nodeId, String detail,
                            Instant detectedAt) {
    }

    @GET
    public Uni<List<DriftView>> list() {
        return Drift.<Drift>list("order by id").map(all -> all.stream().map(d -> new DriftView(d.cloud, d.region,
                d.kind, d.instanceId, d.nodeId, d.detail, d.detectedAt)).toList());
    }
}

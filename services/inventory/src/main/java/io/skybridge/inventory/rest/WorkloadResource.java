package io.skybridge.inventory.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.skybridge.inventory.service.InventoryQueries;
import io.skybridge.inventory.service.PlacementSnapshot;
import io.skybridge.inventory.service.WorkloadView;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Managed workloads and where their replicas run. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@WithSession
public class WorkloadResource {

    @Inject
    InventoryQueries queries;

    @Inject
    PlacementSnapshot snapshot;

    /** @param cloud only workloads with at least one replica running in this cloud */
    @GET
    @Path("workloads")
    public Uni<List<WorkloadView>> workloads(@QueryParam("cloud") String cloud) {
        return queries.workloads(cloud);
    }

    /**
     * For each managed workload: how many replicas run in each cloud now (a list of {@link PlacementSnapshot.Placement}), from a
     * snapshot at most about a second old ({@link PlacementSnapshot}).
     */
    @GET
    @Path("placement")
    @APIResponse(responseCode = "200", description = "one entry per managed workload", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = PlacementSnapshot.Placement.class)))
    public Uni<Response> placement() {
        return snapshot.body().map(json -> Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build());
    }
}

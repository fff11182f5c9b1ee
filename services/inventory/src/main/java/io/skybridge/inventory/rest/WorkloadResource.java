package io.skybridge.inventory.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.skybridge.inventory.service.InventoryQueries;
import io.skybridge.inventory.service.WorkloadView;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** Managed workloads and where their replicas run. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@WithSession
public class WorkloadResource {

    @Inject
    InventoryQueries queries;

    public record Placement(String workloadId, int replicas, int readyReplicas, Map<String, Integer> placement) {
    }

    /** @param cloud only workloads with at least one replica running in this cloud */
    @GET
    @Path("workloads")
    public Uni<List<WorkloadView>> workloads(@QueryParam("cloud") String cloud) {
        return queries.workloads(cloud);
    }

    /** For each managed workload: how many replicas run in each cloud now. */
    @GET
    @Path("placement")
    public Uni<List<Placement>> placement() {
        return queries.workloads(null).map(all -> all.stream()
                .map(w -> new Placement(w.workloadId(), w.replicas(), w.readyReplicas(), w.placement())).toList());
    }
}

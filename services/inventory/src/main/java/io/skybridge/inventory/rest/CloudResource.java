package io.skybridge.inventory.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.skybridge.inventory.service.CapacityCalculator;
import io.skybridge.inventory.service.CapacityWatch;
import io.skybridge.inventory.service.InventoryQueries;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The clouds: accounts, regions, node counts, capacity and open outages. */
@Path("/clouds")
@Produces(MediaType.APPLICATION_JSON)
@WithSession
public class CloudResource {

    @Inject
    InventoryQueries queries;

    @GET
    public Uni<List<InventoryQueries.CloudView>> list() {
        return queries.clouds();
    }

    /** Allocatable vs requested for the cloud, per region and per pool. */
    @GET
    @Path("/{id}/capacity")
    public Uni<CapacityCalculator.CloudCapacity> capacity(@PathParam("id") String id) {
        if (!CapacityWatch.CLOUDS.contains(id)) {
            throw new NotFoundException("no cloud " + id);
        }
        return queries.capacity(id);
    }
}

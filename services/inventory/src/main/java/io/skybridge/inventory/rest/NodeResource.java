package io.skybridge.inventory.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.skybridge.inventory.service.InventoryQueries;
import io.skybridge.inventory.service.NodeView;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Nodes: what the cluster shows, completed by what provisioning said. */
@Path("/nodes")
@Produces(MediaType.APPLICATION_JSON)
@WithSession
public class NodeResource {

    @Inject
    InventoryQueries queries;

    /** @param cloud aws or gcp; @param ready true = Ready only, false = NotReady/Unknown only */
    @GET
    public Uni<List<NodeView>> list(@QueryParam("cloud") String cloud, @QueryParam("ready") Boolean ready) {
        return queries.nodes(cloud, ready);
    }

    @GET
    @Path("/{id}")
    public Uni<NodeView> get(@PathParam("id") String id) {
        return queries.node(id).map(n -> {
            if (n == null) {
                throw new NotFoundException("no node " + id);
            }
            return n;
        });
    }
}

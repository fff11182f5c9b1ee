package io.skybridge.provisioning.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.skybridge.provisioning.domain.NodePool;
import io.skybridge.provisioning.repository.NodePoolRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Read side of the node pools. */
@Path("/pools")
@Produces(MediaType.APPLICATION_JSON)
@WithSession
public class NodePoolResource {

    @Inject
    NodePoolRepository pools;

    public record PoolView(String id, String cloud, String region, String machineType, int min, int max,
                           int desired, String requestedBy) {
        static PoolView of(NodePool p) {
            return new PoolView(p.id, p.cloud, p.region, p.machineType, p.minSize, p.maxSize, p.desiredSize,
                    p.requestedBy);
        }
    }

    @GET
    public Uni<List<PoolView>> list() {
        return pools.listAll().map(all -> all.stream().map(PoolView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<PoolView> get(@PathParam("id") String id) {
        return pools.findById(id).map(p -> {
            if (p == null) {
                throw new NotFoundException("no node pool " + id);
            }
            return PoolView.of(p);
        });
    }
}

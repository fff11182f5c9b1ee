package io.skybridge.provisioning.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.skybridge.provisioning.domain.NodeRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;

/** The nodes the service asked clouds for, with their phases. */
@Path("/nodes")
@Produces(MediaType.APPLICATION_JSON)
@WithSession
public class NodeResource {

    public record NodeView(String id, String poolId, int ordinal, String cloud, String region, String zone,
                           String machineType, String phase, String instanceId, String providerId, String privateIp,
                           int attempts, String failureReason, String failureMessage, Instant createdAt,
                           Instant provisionedAt, Instant joinedAt, Instant finishedAt) {
        static NodeView of(NodeRequest n) {
            return new NodeView(n.id, n.poolId, n.ordinal, n.cloud, n.region, n.zone, n.machineType, n.phase.name(),
                    n.instanceId, n.providerId, n.privateIp, n.attempts, n.failureReason, n.failureMessage, n.createdAt,
                    n.provisionedAt, n.joinedAt, n.finishedAt);
        }
    }

    @GET
    @Operation(summary = "Nodes, optionally of one pool (?pool=), oldest first")
    public Uni<List<NodeView>> list(@QueryParam("pool") String pool) {
        Uni<List<NodeRequest>> nodes = pool == null || pool.isBlank()
                ? NodeRequest.list("order by poolId, ordinal")
                : NodeRequest.list("poolId = ?1 order by ordinal", pool);
        return nodes.map(all -> all.stream().map(NodeView::of).toList());
    }
}

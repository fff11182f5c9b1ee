package io.skybridge.provisioning.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.ContractValidator;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import io.skybridge.provisioning.domain.NodePool;
import io.skybridge.provisioning.domain.NodeRequest;
import io.skybridge.provisioning.repository.NodePoolRepository;
import io.skybridge.provisioning.service.PoolSpecification;
import io.skybridge.shared.config.ServiceIdentity;
import io.skybridge.shared.outbox.Outbox;
import io.skybridge.shared.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Node pools: read side, and {@code PUT} as a way of publishing {@code NodePoolScaleRequested}. */
@Path("/pools")
@Produces(MediaType.APPLICATION_JSON)
public class NodePoolResource {

    @Inject
    NodePoolRepository pools;

    @Inject
    io.skybridge.provisioning.service.PoolPolicy policy;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    ServiceIdentity identity;

    public record PoolView(String id, String cloud, String region, List<String> zones, String machineType,
                           List<String> fallbackMachineTypes, String image, int min, int max, int desired,
                           String requestedBy, Map<String, Long> nodesByPhase) {
        static PoolView of(NodePool p, List<NodeRequest> nodes) {
            Map<String, Long> byPhase = new TreeMap<>();
            nodes.forEach(n -> byPhase.merge(n.phase.name(), 1L, Long::sum));
            return new PoolView(p.id, p.cloud, p.region, list(p.zones), p.machineType, list(p.fallbackMachineTypes),
                    p.image, p.minSize, p.maxSize, p.desiredSize, p.requestedBy, byPhase);
        }
    }

    public record Problem(String title, int status, String detail, List<String> violations) {
    }

    @GET
    @WithSession
    @Operation(summary = "All node pools with their node counts per phase")
    public Uni<List<PoolView>> list() {
        return pools.listAll().chain(all -> NodeRequest.<NodeRequest>listAll()
                .map(nodes -> all.stream().map(p -> PoolView.of(p, nodes.stream()
                        .filter(n -> n.poolId.equals(p.id)).toList())).toList()));
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "One node pool")
    @APIResponse(responseCode = "404", description = "no such pool")
    public Uni<PoolView> get(@PathParam("id") String id) {
        return pools.findById(id).chain(p -> {
            if (p == null) {
                throw new NotFoundException("no node pool " + id);
            }
            return NodeRequest.<NodeRequest>list("poolId", id).map(nodes -> PoolView.of(p, nodes));
        });
    }

    /**
     * Same as publishing {@code NodePoolScaleRequested}: validated against the contract schema and the pool
     * rules (400 with a problem body otherwise), queued on {@code skybridge.provisioning.intents}, 202 with
     * the intent id.
     */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or resize a pool (publishes NodePoolScaleRequested)")
    @APIResponse(responseCode = "202", description = "intent queued")
    @APIResponse(responseCode = "400", description = "invalid pool definition (application/problem+json)")
    public Uni<Response> put(@PathParam("id") String id, JsonNode body,
                             @HeaderParam("X-Skybridge-Principal") String principal) {
        MessageType type = MessageCatalog.of(NodePoolScaleRequested.class);
        List<String> violations = body == null ? List.of("a JSON body is required") : ContractValidator.validate(type, body);
        if (!violations.isEmpty()) {
            return Uni.createFrom().item(problem(violations));
        }
        NodePoolScaleRequested intent;
        try {
            intent = ContractJson.mapper().treeToValue(body, NodePoolScaleRequested.class);
        } catch (Exception e) {
            return Uni.createFrom().item(problem(List.of(io.skybridge.shared.domain.Failures.describe(e))));
        }
        if (!id.equals(intent.poolId())) {
            return Uni.createFrom().item(problem(List.of("poolId " + intent.poolId() + " differs from the path's " + id)));
        }
        List<String> rules = new java.util.ArrayList<>(PoolSpecification.check(intent, null));
        rules.addAll(policy.check(intent));
        if (!rules.isEmpty()) {
            return Uni.createFrom().item(problem(rules));
        }
        EventMetadata metadata = EventMetadata.newIntent(type, intent.poolId(), identity.source() + "/rest",
                principal == null || principal.isBlank() ? "anonymous" : principal)
                .withTraceparent(io.skybridge.shared.messaging.MessageTracing.traceparent(io.opentelemetry.api.trace.Span.current()));
        return Panache.withTransaction(() -> outbox.append(type.topic(), intent, metadata))
                .invoke(relay::kick)
                .map(v -> Response.accepted(Map.of("intentId", metadata.id(), "poolId", intent.poolId()))
                        .location(URI.create("/pools/" + intent.poolId())).build());
    }

    private static Response problem(List<String> violations) {
        return Response.status(400).type("application/problem+json")
                .entity(new Problem("Invalid NodePoolScaleRequested", 400, violations.size() + " violation(s)",
                        io.skybridge.shared.messaging.Bounded.violations(violations)))
                .build();
    }

    private static List<String> list(String json) {
        try {
            return List.of(ContractJson.mapper().readValue(json, String[].class));
        } catch (Exception e) {
            return List.of();
        }
    }
}

package io.skybridge.failover.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.ContractValidator;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.failover.FailoverDrillRequested;
import io.skybridge.shared.config.ServiceIdentity;
import io.skybridge.shared.messaging.Bounded;
import io.skybridge.shared.messaging.MessageTracing;
import io.skybridge.shared.outbox.Outbox;
import io.skybridge.shared.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A dry-run drill over HTTP: {@code {"from": "aws"}} becomes the same {@code FailoverDrillRequested} as on Kafka
 * ({@code drillId} generated when absent, {@code dryRun} true); the plan arrives as
 * {@code FailoverPlanComputed{dryRun=true}} on {@code skybridge.failover.events}. 202 with the ids, 400 with the
 * violations.
 */
@Path("/drills")
@Produces(MediaType.APPLICATION_JSON)
public class DrillResource {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    ServiceIdentity identity;

    public record Problem(String title, int status, String detail, List<String> violations) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> request(JsonNode body, @HeaderParam("X-Skybridge-Principal") String principal) {
        MessageType type = MessageCatalog.of(FailoverDrillRequested.class);
        if (body == null || !body.isObject()) {
            return invalid(List.of("a JSON object is required, e.g. {\"from\": \"aws\"}"));
        }
        ObjectNode drill = ((ObjectNode) body).deepCopy();
        if (!drill.hasNonNull("drillId")) {
            drill.put("drillId", "drill-" + UUID.randomUUID().toString().substring(0, 8));
        }
        if (!drill.has("dryRun")) {
            drill.put("dryRun", true);
        }
        List<String> violations = ContractValidator.validate(type, drill);
        if (violations.isEmpty() && !drill.path("dryRun").asBoolean()) {
            violations = List.of("dryRun must be true: a drill never touches the estate");
        }
        if (!violations.isEmpty()) {
            return invalid(violations);
        }
        FailoverDrillRequested intent;
        try {
            intent = ContractJson.mapper().treeToValue(drill, FailoverDrillRequested.class);
        } catch (Exception e) {
            return invalid(List.of(io.skybridge.shared.domain.Failures.describe(e)));
        }
        EventMetadata metadata = EventMetadata.newIntent(type, intent.drillId(), identity.source() + "/rest",
                principal == null || principal.isBlank() ? "anonymous" : principal)
                .withTraceparent(MessageTracing.traceparent(io.opentelemetry.api.trace.Span.current()));
        return Panache.withTransaction(() -> outbox.append(type.topic(), intent, metadata))
                .invoke(relay::kick)
                .map(v -> Response.accepted(Map.of("intentId", metadata.id(), "drillId", intent.drillId())).build());
    }

    private static Uni<Response> invalid(List<String> violations) {
        return Uni.createFrom().item(Response.status(400).type("application/problem+json")
                .entity(new Problem("Invalid FailoverDrillRequested", 400, violations.size() + " violation(s)",
                        Bounded.violations(violations))).build());
    }
}

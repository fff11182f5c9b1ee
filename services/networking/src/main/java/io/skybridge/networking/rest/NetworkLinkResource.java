package io.skybridge.networking.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.ContractValidator;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.networking.domain.LinkTunnel;
import io.skybridge.networking.domain.NetworkLink;
import io.skybridge.networking.repository.LinkTunnelRepository;
import io.skybridge.networking.repository.NetworkLinkRepository;
import io.skybridge.shared.config.ServiceIdentity;
import io.skybridge.shared.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Links: read them, or ask for one over HTTP (the request becomes the same intent as on Kafka). */
@Path("/links")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkLinkResource {

    @Inject
    NetworkLinkRepository links;

    @Inject
    LinkTunnelRepository tunnels;

    @Inject
    Outbox outbox;

    @Inject
    io.skybridge.shared.outbox.OutboxRelay relay;

    @Inject
    ServiceIdentity identity;

    public record TunnelView(String id, String insideCidr, String awsOutsideIp, String awsVpnConnectionId,
                             String gcpTunnel, int gcpInterface, String status, String awsStatus, String gcpStatus,
                             Instant changedAt) {
        static TunnelView of(LinkTunnel t) {
            return new TunnelView(t.id, t.insideCidr, t.awsOutsideIp, t.awsConnectionId, t.gcpName, t.gcpInterface,
                    t.status.name(), t.awsStatus, t.gcpStatus, t.changedAt);
        }
    }

    public record LinkView(String id, String phase, String mode, String awsVpcId, String awsCidr, Long awsAsn,
                           String gcpNetwork, String gcpCidr, Long gcpAsn, int tunnelsUp, int tunnelsTotal,
                           String currentStep, String failureReason, String failureMessage, String requestedBy,
                           Instant createdAt, List<TunnelView> tunnels) {
        static LinkView of(NetworkLink l, List<LinkTunnel> tunnels) {
            return new LinkView(l.id, l.phase.name(), l.mode, l.awsVpcId, l.awsCidr, l.awsAsn, l.gcpNetwork, l.gcpCidr,
                    l.gcpAsn, l.tunnelsUp, l.tunnelCount(), l.currentStep, l.failureReason, l.failureMessage,
                    l.requestedBy, l.createdAt, tunnels.stream().map(TunnelView::of).toList());
        }
    }

    public record Problem(String title, int status, String detail, List<String> violations) {
    }

    @GET
    @WithSession
    public Uni<List<LinkView>> list() {
        return links.listAll().chain(all -> tunnels.listAll().map(ts -> all.stream()
                .map(l -> LinkView.of(l, ts.stream().filter(t -> t.linkId.equals(l.id))
                        .sorted(java.util.Comparator.comparingInt(t -> t.idx)).toList()))
                .toList()));
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<LinkView> get(@PathParam("id") String id) {
        return links.findById(id).chain(l -> {
            if (l == null) {
                throw new NotFoundException("no link " + id);
            }
            return tunnels.ofLink(id).map(ts -> LinkView.of(l, ts));
        });
    }

    /**
     * Same as publishing {@code NetworkLinkRequested}: validated against the contract schema (400 with
     * the violations otherwise), queued on {@code skybridge.networking.intents}, 202 with the intent id.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> request(JsonNode body, @HeaderParam("X-Skybridge-Principal") String principal) {
        MessageType type = MessageCatalog.of(NetworkLinkRequested.class);
        List<String> violations = body == null ? List.of("a JSON body is required") : ContractValidator.validate(type, body);
        if (!violations.isEmpty()) {
            return Uni.createFrom().item(Response.status(400).type("application/problem+json")
                    .entity(new Problem("Invalid NetworkLinkRequested", 400, violations.size() + " violation(s)",
                            io.skybridge.shared.messaging.Bounded.violations(violations)))
                    .build());
        }
        NetworkLinkRequested intent;
        try {
            intent = ContractJson.mapper().treeToValue(body, NetworkLinkRequested.class);
        } catch (Exception e) {
            return Uni.createFrom().item(Response.status(400).type("application/problem+json")
                    .entity(new Problem("Invalid NetworkLinkRequested", 400, io.skybridge.shared.domain.Failures.describe(e),
                            List.of(io.skybridge.shared.domain.Failures.describe(e)))).build());
        }
        EventMetadata metadata = EventMetadata.newIntent(type, intent.linkId(), identity.source() + "/rest",
                principal == null || principal.isBlank() ? "anonymous" : principal)
                .withTraceparent(io.skybridge.shared.messaging.MessageTracing.traceparent(io.opentelemetry.api.trace.Span.current()));
        return Panache.withTransaction(() -> outbox.append(type.topic(), intent, metadata))
                .invoke(relay::kick)
                .map(v -> Response.accepted(Map.of("intentId", metadata.id(), "linkId", intent.linkId()))
                        .location(URI.create("/links/" + intent.linkId())).build());
    }
}

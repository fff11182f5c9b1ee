package io.skybridge.networking.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.skybridge.networking.domain.NetworkLink;
import io.skybridge.networking.repository.NetworkLinkRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/** Read side of the links this service manages. */
@Path("/links")
@Produces(MediaType.APPLICATION_JSON)
@WithSession
public class NetworkLinkResource {

    @Inject
    NetworkLinkRepository links;

    public record LinkView(String id, String phase, String mode, String awsVpcId, String awsCidr,
                           String gcpNetwork, String gcpCidr, String requestedBy, Instant createdAt) {
        static LinkView of(NetworkLink l) {
            return new LinkView(l.id, l.phase.name(), l.mode, l.awsVpcId, l.awsCidr, l.gcpNetwork, l.gcpCidr,
                    l.requestedBy, l.createdAt);
        }
    }

    @GET
    public Uni<List<LinkView>> list() {
        return links.listAll().map(all -> all.stream().map(LinkView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<LinkView> get(@PathParam("id") String id) {
        return links.findById(id).map(l -> {
            if (l == null) {
                throw new NotFoundException("no link " + id);
            }
            return LinkView.of(l);
        });
    }
}

package io.skybridge.inventory.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.skybridge.inventory.domain.NetworkLink;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Cross-cloud links as networking reported them. */
@Path("/links")
@Produces(MediaType.APPLICATION_JSON)
@WithSession
public class LinkResource {

    public record LinkView(String linkId, String mode, String awsCidr, String gcpCidr, Long awsAsn, Long gcpAsn,
                           String state, Integer tunnelsUp, Integer tunnelsTotal) {
    }

    @GET
    public Uni<List<LinkView>> list() {
        return NetworkLink.<NetworkLink>list("order by id").map(all -> all.stream().map(l -> new LinkView(l.id, l.mode,
                l.awsCidr, l.gcpCidr, l.awsAsn, l.gcpAsn, l.state, l.tunnelsUp, l.tunnelsTotal)).toList());
    }
}

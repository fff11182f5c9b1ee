package io.skybridge.inventory.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.skybridge.inventory.domain.CloudAccount;
import io.skybridge.inventory.repository.CloudAccountRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The registered AWS accounts and GCP projects. */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
@WithSession
public class CloudAccountResource {

    @Inject
    CloudAccountRepository accounts;

    public record AccountView(String id, String cloud, String accountId, String displayName, List<String> regions,
                              String registeredBy) {
        static AccountView of(CloudAccount a) {
            return new AccountView(a.id, a.cloud, a.accountId, a.displayName, List.of(a.regions.split(",")),
                    a.registeredBy);
        }
    }

    @GET
    public Uni<List<AccountView>> list() {
        return accounts.listAll().map(all -> all.stream().map(AccountView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<AccountView> get(@PathParam("id") String id) {
        return accounts.findById(id).map(a -> {
            if (a == null) {
                throw new NotFoundException("no cloud account " + id);
            }
            return AccountView.of(a);
        });
    }
}

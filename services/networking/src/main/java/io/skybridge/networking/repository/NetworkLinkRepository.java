package io.skybridge.networking.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.skybridge.networking.domain.LinkPhase;
import io.skybridge.networking.domain.NetworkLink;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class NetworkLinkRepository implements PanacheRepositoryBase<NetworkLink, String> {

    /** Links that still hold address space (not torn down or failed). */
    public Uni<List<NetworkLink>> activeLinks() {
        return list("phase not in ?1", List.of(LinkPhase.TORN_DOWN, LinkPhase.FAILED));
    }
}

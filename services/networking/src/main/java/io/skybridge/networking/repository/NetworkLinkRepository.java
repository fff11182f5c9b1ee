package io.skybridge.networking.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.skybridge.networking.domain.LinkPhase;
import io.skybridge.networking.domain.NetworkLink;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class NetworkLinkRepository implements PanacheRepositoryBase<NetworkLink, String> {

    /** A new link ordinal from the database sequence (it picks the link's ASN pair). */
    public Uni<Long> nextOrdinal() {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(session -> session
                .createNativeQuery("select nextval('" + messaging.schema() + ".link_ordinal_seq')", Long.class)
                .getSingleResult());
    }

    @jakarta.inject.Inject
    io.skybridge.shared.config.MessagingConfig messaging;

    /** Links that still hold address space (not torn down or failed). */
    public Uni<List<NetworkLink>> activeLinks() {
        return list("phase not in ?1", List.of(LinkPhase.TORN_DOWN, LinkPhase.FAILED));
    }
}

package io.skybridge.failover.service;

import io.skybridge.failover.domain.KnownLink;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The links networking reports (established, isolated, restored, torn down). Call inside a transaction. */
@ApplicationScoped
public class LinkRegistry {

    public Uni<Void> record(String linkId, String state, Instant at) {
        return KnownLink.<KnownLink>findById(linkId).chain(link -> {
            if (link != null && link.updatedAt.isAfter(at)) {
                return Uni.createFrom().voidItem(); // an older event arriving late changes nothing
            }
            KnownLink l = link != null ? link : new KnownLink();
            l.linkId = linkId;
            l.state = state;
            l.updatedAt = at;
            return l.persist().replaceWithVoid();
        });
    }

    public Uni<Void> forget(String linkId) {
        return KnownLink.deleteById(linkId).replaceWithVoid();
    }

    /** Every link that exists (whatever its state), by id. */
    public Uni<List<String>> linkIds() {
        return KnownLink.<KnownLink>listAll().map(all -> all.stream().map(l -> l.linkId).sorted().toList());
    }
}

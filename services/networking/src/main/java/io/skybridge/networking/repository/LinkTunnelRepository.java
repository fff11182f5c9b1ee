package io.skybridge.networking.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.skybridge.networking.domain.LinkTunnel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

@ApplicationScoped
public class LinkTunnelRepository implements PanacheRepositoryBase<LinkTunnel, String> {

    public Uni<Set<String>> usedInsideCidrs() {
        return listAll().map(all -> {
            Set<String> used = new HashSet<>();
            all.forEach(t -> used.add(t.insideCidr));
            return used;
        });
    }

    public Uni<List<LinkTunnel>> ofLink(String linkId) {
        return list("linkId = ?1 order by idx", linkId);
    }
}

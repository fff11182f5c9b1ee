package io.skybridge.inventory.service;

import io.skybridge.contracts.networking.NetworkLinkDegraded;
import io.skybridge.contracts.networking.NetworkLinkEstablished;
import io.skybridge.contracts.networking.NetworkLinkFailed;
import io.skybridge.contracts.networking.NetworkLinkIsolated;
import io.skybridge.contracts.networking.NetworkLinkRestored;
import io.skybridge.contracts.networking.NetworkLinkTornDown;
import io.skybridge.inventory.domain.NetworkLink;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Links from networking's events. Details (mode, CIDRs, ASNs) are filled in whenever an event
 * carries them; the state follows the event with the newest timestamp, so a late, older event does
 * not roll it back and a repeated one changes nothing.
 */
@ApplicationScoped
public class LinkService {

    public Uni<Void> established(NetworkLinkEstablished e) {
        return apply(e.linkId(), e.establishedAt(), "ESTABLISHED", e.tunnelsUp(), e.tunnelsTotal(), l -> {
            l.mode = e.mode();
            l.awsCidr = e.awsCidr();
            l.gcpCidr = e.gcpCidr();
            l.awsAsn = e.awsAsn();
            l.gcpAsn = e.gcpAsn();
        });
    }

    public Uni<Void> degraded(NetworkLinkDegraded e) {
        return apply(e.linkId(), e.observedAt(), "DEGRADED", e.tunnelsUp(), e.tunnelsTotal(), l -> {
        });
    }

    public Uni<Void> restored(NetworkLinkRestored e) {
        return apply(e.linkId(), e.restoredAt(), "ESTABLISHED", e.tunnelsUp(), e.tunnelsTotal(), l -> {
        });
    }

    public Uni<Void> isolated(NetworkLinkIsolated e) {
        return apply(e.linkId(), e.isolatedAt(), "ISOLATED", 0, null, l -> {
        });
    }

    public Uni<Void> failed(NetworkLinkFailed e) {
        return apply(e.linkId(), e.failedAt(), "FAILED", null, null, l -> {
        });
    }

    public Uni<Void> tornDown(NetworkLinkTornDown e) {
        return apply(e.linkId(), e.tornDownAt(), "TORN_DOWN", 0, null, l -> {
        });
    }

    private Uni<Void> apply(String linkId, Instant at, String state, Integer up, Integer total,
                            Consumer<NetworkLink> details) {
        Instant when = (at != null ? at : Instant.now()).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return NetworkLink.<NetworkLink>findById(linkId).chain(existing -> {
            NetworkLink l = existing;
            if (l == null) {
                l = new NetworkLink();
                l.id = linkId;
            }
            details.accept(l);
            if (total != null) {
                l.tunnelsTotal = total;
            }
            if (l.lastEventAt == null || !when.isBefore(l.lastEventAt)) {
                l.state = state;
                l.lastEventAt = when;
                if (up != null) {
                    l.tunnelsUp = up;
                }
            }
            l.updatedAt = Instant.now();
            return existing != null ? Uni.createFrom().voidItem() : l.persist().replaceWithVoid();
        });
    }
}

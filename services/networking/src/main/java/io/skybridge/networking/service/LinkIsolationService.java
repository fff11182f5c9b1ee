package io.skybridge.networking.service;

import io.skybridge.contracts.common.IntentAccepted;
import io.skybridge.contracts.networking.NetworkLinkIsolationRequested;
import io.skybridge.contracts.networking.NetworkLinkRestorationRequested;
import io.skybridge.networking.domain.LinkPhase;
import io.skybridge.networking.domain.NetworkLink;
import io.skybridge.networking.repository.NetworkLinkRepository;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.RejectedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/**
 * Accepts isolation and restoration of a link (the seed's ransomware case), fenced by the incident's
 * epoch; the saga carries them out. Both are idempotent: asking again for the state the link is
 * already in (or heading to) is accepted and changes nothing.
 */
@ApplicationScoped
public class LinkIsolationService {
    private static final EnumSet<LinkPhase> ISOLATABLE = EnumSet.of(LinkPhase.PROVISIONED, LinkPhase.ESTABLISHED,
            LinkPhase.DEGRADED);

    @Inject
    NetworkLinkRepository links;

    @Inject
    EventPublisher events;

    /** @return whether the saga has work to do */
    public Uni<Boolean> isolate(InboundMessage<NetworkLinkIsolationRequested> message) {
        NetworkLinkIsolationRequested r = message.payload();
        return links.findById(r.linkId()).chain(link -> {
            requireLink(link, r.linkId());
            fence(link, r.epoch());
            boolean already = (link.phase == LinkPhase.ISOLATING || link.phase == LinkPhase.ISOLATED)
                    && r.compromisedCloud().equals(link.isolatedCloud);
            if (!already) {
                if (!ISOLATABLE.contains(link.phase)) {
                    throw new RejectedException("link " + link.id + " cannot be isolated while " + link.phase,
                            List.of("link phase is " + link.phase + "; isolation needs one of " + ISOLATABLE));
                }
                link.phase = LinkPhase.ISOLATING;
                link.isolatedCloud = r.compromisedCloud();
                link.incidentId = r.incidentId();
                link.intentId = message.metadata().id();
                link.correlationId = message.metadata().correlationId();
                link.traceparent = message.metadata().traceparent();
                link.updatedAt = Instant.now();
            }
            return accept(message, link.id).replaceWith(!already);
        });
    }

    /** @return whether the saga has work to do */
    public Uni<Boolean> restore(InboundMessage<NetworkLinkRestorationRequested> message) {
        NetworkLinkRestorationRequested r = message.payload();
        return links.findById(r.linkId()).chain(link -> {
            requireLink(link, r.linkId());
            fence(link, r.epoch());
            boolean isolated = link.phase == LinkPhase.ISOLATED || link.phase == LinkPhase.ISOLATING;
            boolean already = link.phase == LinkPhase.RESTORING || link.restorePending
                    || link.isolatedCloud == null && ISOLATABLE.contains(link.phase);
            if (!isolated && !already) {
                throw new RejectedException("link " + link.id + " is not isolated",
                        List.of("link phase is " + link.phase));
            }
            if (isolated) {
                link.phase = LinkPhase.RESTORING;
                link.incidentId = r.incidentId() != null ? r.incidentId() : link.incidentId;
                link.intentId = message.metadata().id();
                link.correlationId = message.metadata().correlationId();
                link.traceparent = message.metadata().traceparent();
                link.updatedAt = Instant.now();
            }
            return accept(message, link.id).replaceWith(isolated);
        });
    }

    private static void requireLink(NetworkLink link, String id) {
        if (link == null) {
            throw new RejectedException("no link " + id, List.of("linkId " + id + " does not exist"));
        }
    }

    /** Refuses an action whose incident epoch is older than one already acted upon. */
    private static void fence(NetworkLink link, Long epoch) {
        if (epoch == null) {
            return;
        }
        if (epoch < link.fenceEpoch) {
            throw new RejectedException("stale fencing epoch " + epoch,
                    List.of("epoch " + epoch + " is older than " + link.fenceEpoch + " already acted upon for link " + link.id));
        }
        link.fenceEpoch = epoch;
    }

    private Uni<Void> accept(InboundMessage<?> message, String linkId) {
        return events.publish(new IntentAccepted(message.metadata().id(), message.type().ceType(), linkId),
                message.metadata()).replaceWithVoid();
    }
}

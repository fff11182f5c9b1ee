package io.skybridge.networking.service;

import io.skybridge.contracts.common.IntentAccepted;
import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.networking.domain.AsnPlan;
import io.skybridge.networking.domain.InsideCidrAllocator;
import io.skybridge.networking.domain.LinkPhase;
import io.skybridge.networking.domain.LinkTunnel;
import io.skybridge.networking.domain.PreSharedKeys;
import io.skybridge.networking.domain.TunnelState;
import io.skybridge.networking.repository.LinkTunnelRepository;
import io.skybridge.networking.domain.NetworkLink;
import io.skybridge.networking.repository.NetworkLinkRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.RejectedException;
import io.skybridge.shared.repository.BulkSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;

/** Records a link request after checking it against the CIDR plan. */
@ApplicationScoped
public class LinkRequestService {
    static final String CIDR_PLAN_LOCK = "skybridge.networking.cidr-plan";

    @Inject
    NetworkLinkRepository links;

    @Inject
    LinkTunnelRepository tunnels;

    @Inject
    EventPublisher events;

    public Uni<Void> request(InboundMessage<NetworkLinkRequested> message) {
        NetworkLinkRequested request = message.payload();
        return links.findById(request.linkId()).chain(existing -> {
            if (existing != null) {
                throw new RejectedException("link " + request.linkId() + " already exists",
                        List.of("linkId " + request.linkId() + " is already " + existing.phase));
            }
            return lockPlan().chain(links::activeLinks);
        }).chain(active -> {
            List<String> violations = CidrPlan.check(request, active);
            if (!violations.isEmpty()) {
                throw new RejectedException("link " + request.linkId() + " does not fit the CIDR plan", violations);
            }
            return links.persist(toLink(message)).chain(this::allocate);
        }).chain(link -> events.publish(
                new IntentAccepted(message.metadata().id(), message.type().ceType(), link.id), message.metadata()))
                .replaceWithVoid();
    }

    /**
     * Link requests are checked against the CIDR plan one at a time, whichever consumer or replica holds them (the
     * intents topic's partitions are spread over the replicas): a transaction-scoped advisory lock, taken before
     * the active links are read and held until the new link commits, so two overlapping requests on different
     * partitions cannot both see a plan without the other.
     */
    private static Uni<Void> lockPlan() {
        return Panache.getSession().chain(s -> BulkSql.select(s, "select pg_advisory_xact_lock(hashtext($1))",
                List.of(CIDR_PLAN_LOCK))).replaceWithVoid();
    }

    /** ASNs from the link's ordinal, inside CIDRs and pre-shared keys per tunnel: all persisted with the link. */
    private Uni<NetworkLink> allocate(NetworkLink link) {
        return links.nextOrdinal().chain(ordinal -> {
            AsnPlan asns = AsnPlan.forOrdinal(ordinal);
            link.awsAsn = asns.aws();
            link.gcpAsn = asns.gcp();
            return tunnels.usedInsideCidrs();
        }).chain(used -> {
            List<String> cidrs = InsideCidrAllocator.allocate(link.id, link.tunnelCount(), used);
            Uni<?> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < cidrs.size(); i++) {
                LinkTunnel t = new LinkTunnel();
                t.id = link.id + "-t" + i;
                t.linkId = link.id;
                t.idx = i;
                t.insideCidr = cidrs.get(i);
                t.preSharedKey = PreSharedKeys.generate();
                t.gcpName = link.gcpName("t" + i);
                t.awsConnection = i / 2;
                t.gcpInterface = link.ha() ? i / 2 : 0;
                t.status = TunnelState.PENDING;
                t.changedAt = Instant.now();
                chain = chain.chain(() -> tunnels.persist(t));
            }
            return chain.replaceWith(link);
        });
    }

    private static NetworkLink toLink(InboundMessage<NetworkLinkRequested> message) {
        NetworkLinkRequested r = message.payload();
        NetworkLink link = new NetworkLink();
        link.id = r.linkId();
        link.awsAccount = r.aws().accountId();
        link.awsRegion = r.aws().region();
        link.awsVpcId = r.aws().vpcId();
        link.awsCidr = r.aws().cidr();
        link.gcpProject = r.gcp().project();
        link.gcpRegion = r.gcp().region();
        link.gcpNetwork = r.gcp().network();
        link.gcpCidr = r.gcp().cidr();
        link.mode = r.mode() == null ? "HA" : r.mode();
        link.phase = LinkPhase.REQUESTED;
        link.requestedBy = message.metadata().principal();
        link.intentId = message.metadata().id();
        link.correlationId = message.metadata().correlationId();
        link.traceparent = message.metadata().traceparent();
        link.createdAt = Instant.now();
        link.updatedAt = link.createdAt;
        return link;
    }
}

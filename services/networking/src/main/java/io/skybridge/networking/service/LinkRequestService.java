package io.skybridge.networking.service;

import io.skybridge.contracts.common.IntentAccepted;
import io.skybridge.contracts.networking.NetworkLinkRequested;
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
import java.util.List;

/** Records a link request after checking it against the CIDR plan. */
@ApplicationScoped
public class LinkRequestService {

    @Inject
    NetworkLinkRepository links;

    @Inject
    EventPublisher events;

    public Uni<Void> request(InboundMessage<NetworkLinkRequested> message) {
        NetworkLinkRequested request = message.payload();
        return links.findById(request.linkId()).chain(existing -> {
            if (existing != null) {
                throw new RejectedException("link " + request.linkId() + " already exists",
                        List.of("linkId " + request.linkId() + " is already " + existing.phase));
            }
            return links.activeLinks();
        }).chain(active -> {
            List<String> violations = CidrPlan.check(request, active);
            if (!violations.isEmpty()) {
                throw new RejectedException("link " + request.linkId() + " does not fit the CIDR plan", violations);
            }
            return links.persist(toLink(message));
        }).chain(link -> events.publish(
                new IntentAccepted(message.metadata().id(), message.type().ceType(), link.id), message.metadata()))
                .replaceWithVoid();
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
        link.createdAt = Instant.now();
        link.updatedAt = link.createdAt;
        return link;
    }
}

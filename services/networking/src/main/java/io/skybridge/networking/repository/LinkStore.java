package io.skybridge.networking.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.networking.domain.LinkResource;
import io.skybridge.networking.domain.LinkStepDone;
import io.skybridge.networking.domain.LinkTunnel;
import io.skybridge.networking.domain.NetworkLink;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.repository.BlockingTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Blocking access to a link's persisted state for the saga and the monitor, which run on their own
 * threads and make blocking cloud calls between transactions. Every method is one transaction.
 */
@ApplicationScoped
public class LinkStore {

    /** A detached copy of everything about one link. */
    public record LinkSnapshot(NetworkLink link, List<LinkTunnel> tunnels, List<LinkResource> resources,
                               Set<String> doneSteps) {
    }

    @Inject
    EventPublisher events;

    @Inject
    BlockingTransactions transactions;


    private <T> T tx(Supplier<Uni<T>> work) {
        return transactions.inTransaction(work);
    }

    public LinkSnapshot load(String linkId) {
        return tx(() -> NetworkLink.<NetworkLink>findById(linkId).chain(link -> {
            if (link == null) {
                return Uni.createFrom().nullItem();
            }
            return LinkTunnel.<LinkTunnel>list("linkId = ?1 order by idx", linkId)
                    .chain(tunnels -> LinkResource.<LinkResource>list("linkId = ?1 and deletedAt is null order by id", linkId)
                            .chain(resources -> LinkStepDone.<LinkStepDone>list("id.linkId", linkId)
                                    .map(steps -> new LinkSnapshot(link, tunnels, resources,
                                            steps.stream().map(s -> s.id.step()).collect(Collectors.toSet())))));
        }));
    }

    /** Ids of links in the given phases. */
    public List<String> linkIdsIn(Set<io.skybridge.networking.domain.LinkPhase> phases) {
        return tx(() -> NetworkLink.<NetworkLink>list("phase in ?1", phases)
                .map(links -> links.stream().map(l -> l.id).toList()));
    }

    /** Saves the link (and its tunnels), records a finished step, and publishes events: all or nothing. */
    public void save(NetworkLink link, List<LinkTunnel> tunnels, String doneStep, List<SkybridgeMessage> toPublish,
                     EventMetadata cause) {
        tx(() -> {
            link.updatedAt = Instant.now();
            Uni<?> chain = Panache.getSession().chain(s -> s.merge(link));
            for (LinkTunnel t : tunnels) {
                chain = chain.chain(() -> Panache.getSession().chain(s -> s.merge(t)));
            }
            if (doneStep != null) {
                chain = chain.chain(() -> LinkStepDone.<LinkStepDone>findById(new LinkStepDone.Key(link.id, doneStep))
                        .chain(found -> {
                            if (found != null) {
                                return Uni.createFrom().voidItem();
                            }
                            LinkStepDone done = new LinkStepDone();
                            done.id = new LinkStepDone.Key(link.id, doneStep);
                            done.finishedAt = Instant.now();
                            return done.persist().replaceWithVoid();
                        }));
            }
            for (SkybridgeMessage m : toPublish) {
                chain = chain.chain(() -> events.publish(m, cause));
            }
            return chain.replaceWithVoid();
        });
    }

    public void save(NetworkLink link, List<SkybridgeMessage> toPublish, EventMetadata cause) {
        save(link, List.of(), null, toPublish, cause);
    }

    /** Publishes messages that are caused by nothing in particular (e.g. health samples). */
    public void publish(List<SkybridgeMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        tx(() -> {
            Uni<?> chain = Uni.createFrom().voidItem();
            for (SkybridgeMessage m : messages) {
                chain = chain.chain(() -> events.publish(m));
            }
            return chain.replaceWithVoid();
        });
    }

    /** Records a created resource (idempotent: a resource is recorded once). */
    public void recordResource(String linkId, String step, String cloud, String kind, String providerId, String region) {
        tx(() -> LinkResource.<LinkResource>find("linkId = ?1 and cloud = ?2 and kind = ?3 and providerId = ?4",
                linkId, cloud, kind, providerId).firstResult().chain(found -> {
            if (found != null) {
                // made again (e.g. a tunnel restored after isolation): it exists again
                return found.deletedAt == null ? Uni.createFrom().voidItem()
                        : LinkResource.update("deletedAt = null where id = ?1", found.id).replaceWithVoid();
            }
            LinkResource r = new LinkResource();
            r.linkId = linkId;
            r.step = step;
            r.cloud = cloud;
            r.kind = kind;
            r.providerId = providerId;
            r.region = region;
            r.createdAt = Instant.now();
            return r.persist().replaceWithVoid();
        }));
    }

    public void markDeleted(Long resourceId) {
        tx(() -> LinkResource.update("deletedAt = ?1 where id = ?2", Instant.now(), resourceId).replaceWithVoid());
    }

    /** Forgets that some steps finished, so the saga runs them again. */
    public void forgetSteps(String linkId, List<String> steps) {
        tx(() -> LinkStepDone.delete("id.linkId = ?1 and id.step in ?2", linkId, steps).replaceWithVoid());
    }

    /** Forgets the finished steps (after compensation or teardown, a new attempt starts over). */
    public void clearSteps(String linkId) {
        tx(() -> LinkStepDone.delete("id.linkId", linkId).replaceWithVoid());
    }
}

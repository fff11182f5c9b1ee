package io.skybridge.failover.saga;

import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.networking.NetworkLinkIsolationRequested;
import io.skybridge.failover.domain.FailoverRun;
import io.skybridge.failover.domain.Incident;
import io.skybridge.failover.messaging.IntentSender;
import io.skybridge.failover.service.LinkRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * COMPROMISE: every known cross-cloud link is asked to be isolated ({@code NetworkLinkIsolationRequested}, carrying
 * the incident and its epoch, which networking fences on); the ids are recorded on the run in the same transaction.
 */
@ApplicationScoped
public class Isolation {
    static final String PURPOSE = "isolate";

    @Inject
    LinkRegistry links;

    @Inject
    IntentSender intents;

    public Uni<Void> isolateLinks(Incident incident, FailoverRun run, EventMetadata cause) {
        return links.linkIds().chain(ids -> {
            run.isolatedLinks = String.join(",", ids);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String id : ids) {
                chain = chain.chain(() -> intents.send(new NetworkLinkIsolationRequested(id, incident.cloud,
                        "COMPROMISE incident " + incident.id + ": " + incident.reason, incident.id, incident.epoch),
                        incident.id, PURPOSE, cause).replaceWithVoid());
            }
            return chain;
        });
    }
}

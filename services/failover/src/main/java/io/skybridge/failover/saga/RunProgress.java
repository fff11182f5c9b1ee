package io.skybridge.failover.saga;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.failover.domain.FailoverRun;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.repository.BlockingTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.function.Supplier;

/** Saves a run's progress together with what it sends (intents, events): one transaction, through the outbox. */
@ApplicationScoped
public class RunProgress {

    @Inject
    BlockingTransactions transactions;

    @Inject
    EventPublisher events;

    public void save(FailoverRun run, List<SkybridgeMessage> out, EventMetadata cause) {
        save(run, out, cause, () -> Uni.createFrom().voidItem());
    }

    /** {@code alsoSend} runs first (it may set fields of the run), then the run is merged and {@code out} published. */
    public void save(FailoverRun run, List<SkybridgeMessage> out, EventMetadata cause, Supplier<Uni<Void>> alsoSend) {
        transactions.inTransaction(() -> {
            Uni<?> chain = alsoSend.get().chain(() -> Panache.getSession()).chain(s -> s.merge(run));
            for (SkybridgeMessage m : out) {
                chain = chain.chain(() -> events.publish(m, cause));
            }
            return chain.replaceWithVoid();
        });
    }
}

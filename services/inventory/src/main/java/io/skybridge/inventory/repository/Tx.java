package io.skybridge.inventory.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.skybridge.shared.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Supplier;

/**
 * Runs one reactive transaction from a worker thread (the informer projector, the drift sync) and
 * waits for it; the outbox rows it appended go out right after the commit.
 */
@ApplicationScoped
public class Tx {

    @Inject
    OutboxRelay relay;

    public <T> T run(Supplier<Uni<T>> work) {
        try {
            T result = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
            relay.kick();
            return result;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}

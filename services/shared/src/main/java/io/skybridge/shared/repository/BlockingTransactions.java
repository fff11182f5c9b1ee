package io.skybridge.shared.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.skybridge.shared.leader.LeaderFence;
import io.skybridge.shared.leader.Leadership;
import io.skybridge.shared.outbox.Outbox;
import io.skybridge.shared.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Supplier;

/**
 * Runs a Hibernate Reactive transaction from a worker thread (a saga, a reconciler, an informer
 * callback) and waits for it; once it committed, whatever it appended to the outbox is published. The rows it
 * appends to the outbox are written together at the end of the transaction ({@link Outbox#startBuffering()}).
 * Called from leader work ({@link Leadership#runAsLeader}), the transaction first checks the leader's fencing term
 * ({@link LeaderFence#check}) and is refused if a newer leader took over. Never call it from a Vert.x event-loop thread.
 */
@ApplicationScoped
public class BlockingTransactions {

    @Inject
    OutboxRelay relay;

    @Inject
    Outbox outbox;

    @Inject
    LeaderFence fence;

    public <T> T inTransaction(Supplier<Uni<T>> work) {
        T result;
        Long term = Leadership.currentTerm(); // read on the calling thread, before the work moves to a Vert.x context
        Supplier<Uni<T>> fenced = term == null ? work : () -> fence.check(term).chain(() -> work.get());
        try {
            result = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
                outbox.startBuffering(); // the transaction's outbox rows: multi-row INSERTs at its end, in order
                return fenced.get().call(outbox::flushBuffered);
            }).onTermination().invoke(outbox::stopBuffering));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        relay.kick(); // a pass over the table: these transactions are few, and their rows go out in id order
        return result;
    }
}

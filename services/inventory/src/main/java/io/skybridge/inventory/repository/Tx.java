package io.skybridge.inventory.repository;

import io.skybridge.shared.repository.BlockingTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Supplier;

/**
 * Runs one reactive transaction from a worker thread (the informer projector, the drift sync) and
 * waits for it; the outbox rows it appended are written together at its end and go out right after
 * the commit ({@link BlockingTransactions}).
 */
@ApplicationScoped
public class Tx {

    @Inject
    BlockingTransactions transactions;

    public <T> T run(Supplier<Uni<T>> work) {
        return transactions.inTransaction(work);
    }
}

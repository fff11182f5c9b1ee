package io.skybridge.shared.messaging;

import io.skybridge.contracts.SkybridgeMessage;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Applies one message type. Runs inside the transaction that also records the message in the inbox,
 * so state written here and events appended to the {@code Outbox} commit together. Throw (or fail
 * with) {@link RejectedException} to refuse an intent.
 */
public interface MessageHandler<T extends SkybridgeMessage> {

    Class<T> messageType();

    Uni<Void> handle(InboundMessage<T> message);

    /**
     * Called once the transaction that applied {@code message} committed (not for duplicates or
     * rejections): the place to start work that must see the committed state, such as a saga.
     */
    default void afterCommit(InboundMessage<T> message) {
    }

    /**
     * Called once per poll batch, inside its transaction and before {@link #handle} runs for each of
     * {@code messages}: the place to load, with one query, the rows the batch will touch (they stay in the
     * session, so each {@code handle} then finds them without a round trip). Optional.
     */
    default Uni<Void> prefetch(List<InboundMessage<T>> messages) {
        return Uni.createFrom().voidItem();
    }

    /**
     * Called once per poll batch, inside its transaction, after {@link #handle} ran for each of {@code messages}
     * and before the batch's inbox and outbox rows are written: the place to write, with few statements, what
     * the handler kept in memory for the batch (see {@link #prefetch}). Not called for a record processed on its
     * own. Optional.
     */
    default Uni<Void> completeBatch(List<InboundMessage<T>> messages) {
        return Uni.createFrom().voidItem();
    }

    /**
     * Whether this handler keeps state in memory between {@link #prefetch} and {@link #completeBatch}. A batch of
     * handlers that keep none applies each record after a savepoint, so a record refused with
     * {@link RejectedException} is rolled back and rejected inside the batch's transaction; a batch with one that
     * does is rolled back whole on a refusal and processed record by record.
     */
    default boolean keepsBatchState() {
        return false;
    }
}

package io.skybridge.shared.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.skybridge.shared.inbox.Inbox;
import io.skybridge.shared.outbox.Outbox;
import io.skybridge.shared.outbox.OutboxRelay;
import io.skybridge.shared.repository.BulkSql;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The {@link InboundPipeline} for a whole poll batch (a consumer channel with {@code batch=true}): every
 * record is decoded and validated as usual, the inbox is asked once for all of them, the handlers may
 * prefetch what the batch touches, and all effects, inbox rows and outgoing events commit in ONE
 * transaction. When no handler of the batch keeps state between records ({@link MessageHandler#keepsBatchState}),
 * each record is applied after a savepoint and a record its handler refuses is rolled back to it and rejected in
 * the same transaction. If the transaction fails (a refusal in a batch of handlers that keep state, a poison value, a
 * concurrent duplicate, the database), the batch is rolled back whole and its records are processed again one by one, each in its own
 * transaction exactly as {@link InboundPipeline#process} does, so one bad record still goes alone to the DLQ and the
 * others are applied. Records are applied in their order
 * (per partition, as Kafka delivered them).
 */
@ApplicationScoped
public class InboundBatch {
    private static final Logger LOG = Logger.getLogger(InboundBatch.class);

    @Inject
    InboundPipeline pipeline;

    @Inject
    Inbox inbox;

    @Inject
    OutboxRelay relay;

    @Inject
    Outbox outbox;

    @Inject
    MeterRegistry metrics;

    private final Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** One decoded record of the batch. */
    private record Item(InboundRecord in, Decoded decoded) {
    }

    public Uni<Void> process(String consumer, ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return process(consumer, list);
    }

    public Uni<Void> process(String consumer, List<ConsumerRecord<String, byte[]>> records) {
        if (registered.add(consumer)) { // the counters exist from the consumer's first batch, at 0
            metrics.counter("skybridge.inbound.batch.refusals", "consumer", consumer);
            metrics.counter("skybridge.inbound.batches", "consumer", consumer, "outcome", "split");
        }
        List<Item> items = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            InboundRecord in = InboundRecord.of(r);
            Decoded decoded = pipeline.decode(in);
            if (!pipeline.ignored(in, decoded)) {
                items.add(new Item(in, decoded));
            }
        }
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (items.size() == 1) {
            return oneByOne(consumer, items);
        }
        return Panache.withTransaction(() -> applyAll(consumer, items))
                .onTermination().invoke(() -> {
                    inbox.stopBuffering();
                    outbox.stopBuffering();
                })
                .invoke(applied -> {
                    count(consumer, "committed");
                    relay.kickRows(applied.outboxIds());
                    applied.afterCommit().forEach(Runnable::run);
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("%s: batch of %d records rolled back (%s); processing them one by one", consumer,
                            items.size(), io.skybridge.shared.domain.Failures.describe(e));
                    count(consumer, "split");
                    return oneByOne(consumer, items);
                });
    }

    /**
     * {@code skybridge.inbound.batches{consumer, outcome}}: batches committed in one transaction, and batches
     * rolled back and processed record by record ("split"), which an operator wants to see stay rare.
     */
    private void count(String consumer, String outcome) {
        metrics.counter("skybridge.inbound.batches", "consumer", consumer, "outcome", outcome).increment();
    }

    /** What a committed batch leaves to do: its handlers' after-commit work, and publishing its outbox rows. */
    private record Applied(List<Runnable> afterCommit, List<Long> outboxIds) {
    }

    private Uni<Applied> applyAll(String consumer, List<Item> items) {
        Set<String> ids = new LinkedHashSet<>();
        items.forEach(i -> ids.add(i.in().inboxId()));
        return inbox.processedAmong(consumer, ids).chain(done -> {
            Set<String> seen = new HashSet<>(done);
            List<Item> fresh = items.stream().filter(i -> seen.add(i.in().inboxId())).toList();
            inbox.startBuffering(); // the batch's inbox rows and outgoing rows: multi-row INSERTs at the end
            outbox.startBuffering();
            boolean savepoints = byHandler(fresh).keySet().stream().noneMatch(MessageHandler::keepsBatchState);
            return prefetch(fresh).chain(() -> Multi.createFrom().iterable(fresh)
                    .onItem().transformToUniAndConcatenate(i -> savepoints ? applyAfterSavepoint(consumer, i)
                            : Uni.createFrom().deferred(() -> pipeline.applyWithin(consumer, i.in(), i.decoded())))
                    .collect().asList())
                    .call(() -> completeBatch(fresh))
                    .call(inbox::flushBuffered)
                    .chain(afterCommit -> outbox.flushBuffered().map(outboxIds -> new Applied(afterCommit, outboxIds)));
        });
    }

    /**
     * One record of a batch whose handlers keep no state between records: what the records before it changed is
     * flushed, a savepoint taken, then the record applied; if its handler refuses it ({@link RejectedException}), the
     * transaction goes back to the savepoint, the session forgets what the handler loaded or changed, the inbox and
     * outbox rows it buffered are dropped, and the refusal is recorded (inbox row, {@code IntentRejected}) in the
     * same transaction ({@code skybridge_inbound_batch_refusals_total{consumer}} counts them). Any other failure
     * fails the batch.
     */
    private Uni<Runnable> applyAfterSavepoint(String consumer, Item item) {
        return Panache.getSession().chain(session -> session.flush()
                .chain(() -> BulkSql.update(session, "savepoint inbound_record", List.of()))
                .chain(() -> {
                    int inboxMark = inbox.bufferMark();
                    int outboxMark = outbox.bufferMark();
                    return Uni.createFrom().deferred(() -> pipeline.applyWithin(consumer, item.in(), item.decoded()))
                            .call(session::flush) // its writes reach the database inside the savepoint
                            .onFailure(RejectedException.class).recoverWithUni(e -> BulkSql.update(session,
                                            "rollback to savepoint inbound_record", List.of())
                                    .chain(() -> {
                                        session.clear();
                                        inbox.dropBufferedSince(inboxMark);
                                        outbox.dropBufferedSince(outboxMark);
                                        metrics.counter("skybridge.inbound.batch.refusals", "consumer", consumer).increment();
                                        return pipeline.refuseWithin(consumer, item.in(), item.decoded(), (RejectedException) e);
                                    }));
                }));
    }

    /** Lets each handler load, with one query per handler, what its messages of the batch touch. */
    private Uni<Void> prefetch(List<Item> fresh) {
        return eachHandler(fresh, MessageHandler::prefetch);
    }

    /** Lets each handler write what it kept in memory for the batch. */
    private Uni<Void> completeBatch(List<Item> fresh) {
        return eachHandler(fresh, MessageHandler::completeBatch);
    }

    /** Calls {@code step} for each handler of the batch with its messages, one after the other. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Uni<Void> eachHandler(List<Item> fresh, BiFunction<MessageHandler, List, Uni<Void>> step) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<MessageHandler<?>, List<InboundMessage<?>>> e : byHandler(fresh).entrySet()) {
            chain = chain.chain(() -> step.apply(e.getKey(), e.getValue()));
        }
        return chain;
    }

    /** The batch's accepted messages by handler, in first-seen order. */
    private Map<MessageHandler<?>, List<InboundMessage<?>>> byHandler(List<Item> fresh) {
        Map<MessageHandler<?>, List<InboundMessage<?>>> byHandler = new LinkedHashMap<>();
        for (Item i : fresh) {
            MessageHandler<?> handler = pipeline.handlerOf(i.decoded());
            if (handler != null) {
                byHandler.computeIfAbsent(handler, h -> new ArrayList<>())
                        .add(((Decoded.Accepted) i.decoded()).message());
            }
        }
        return byHandler;
    }

    /** Each record in its own transaction; one that keeps failing is dead-lettered and the rest go on. */
    private Uni<Void> oneByOne(String consumer, List<Item> items) {
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(i -> pipeline.process(consumer, i.in(), i.decoded())
                        .onFailure().recoverWithUni(e -> pipeline.deadLetterFailure(consumer, i.in(), e)))
                .collect().last()
                .replaceWithVoid();
    }
}

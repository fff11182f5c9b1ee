package io.skybridge.shared.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.common.IntentRejected;
import io.skybridge.shared.config.MessagingConfig;
import io.skybridge.shared.config.ServiceIdentity;
import io.skybridge.shared.domain.Failures;
import io.skybridge.shared.inbox.Inbox;
import io.skybridge.shared.outbox.Outbox;
import io.skybridge.shared.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every consumer of every service goes through here: decode and validate, dedupe through the inbox,
 * apply the handler and record the inbox row in one transaction with the outgoing events; bad records
 * go to {@code <topic>.dlq} (with the reason in headers) and, on an intents topic, yield
 * {@code IntentRejected}. The consumer always moves on. {@link InboundBatch} applies a whole poll batch
 * in one transaction with the same steps.
 */
@ApplicationScoped
public class InboundPipeline {
    private static final Logger LOG = Logger.getLogger(InboundPipeline.class);
    private static final java.util.regex.Pattern CE_TYPE =
            java.util.regex.Pattern.compile("^io\\.skybridge\\.[a-z]+\\.[A-Za-z]+\\.v[0-9]+$");
    /** What {@link #applyWithin} returns when nothing is to be done after the commit. */
    static final Runnable NOTHING = () -> { };

    @Inject
    @Any
    Instance<MessageHandler<?>> handlerBeans;

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EventPublisher publisher;

    @Inject
    MessagingConfig config;

    @Inject
    ServiceIdentity identity;

    @Inject
    MessageTracing tracing;

    private final Map<Class<?>, MessageHandler<?>> handlers = new HashMap<>();
    private InboundDecoder decoder;

    @PostConstruct
    void init() {
        decoder = new InboundDecoder(config.maxRecordBytes());
        for (MessageHandler<?> h : handlerBeans) {
            MessageHandler<?> previous = handlers.put(h.messageType(), h);
            if (previous != null) {
                throw new IllegalStateException("two handlers for " + h.messageType().getSimpleName());
            }
        }
    }

    /** Process one record for {@code consumer} (the channel name: inbox rows are per consumer). */
    public Uni<Void> process(String consumer, ConsumerRecord<String, byte[]> record) {
        InboundRecord in = InboundRecord.of(record);
        Decoded decoded = decode(in);
        if (ignored(in, decoded)) {
            return Uni.createFrom().voidItem();
        }
        return process(consumer, in, decoded);
    }

    /** Process one already decoded record in its own transaction (retried with backoff on unexpected failures). */
    Uni<Void> process(String consumer, InboundRecord in, Decoded decoded) {
        outbox.stopBuffering(); // never inherit a batch's buffer (its transaction is over): every append inserted
        Uni<Void> work = Panache.withTransaction(() -> inbox.alreadyProcessed(consumer, in.inboxId()).chain(seen -> {
                    if (seen) {
                        LOG.debugf("%s: %s already processed, skipped", consumer, in.inboxId());
                        return Uni.createFrom().item(NOTHING);
                    }
                    return applyWithin(consumer, in, decoded);
                }))
                .invoke(Runnable::run)
                .replaceWithVoid()
                .onFailure(RejectedException.class).recoverWithUni(e ->
                        process(consumer, in, refusal(consumer, in, decoded, (RejectedException) e)));
        return work
                .onFailure(e -> !(e instanceof RejectedException))
                .retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(5)
                .invoke(relay::kick);
    }

    Decoded decode(InboundRecord in) {
        return decoder.decode(in);
    }

    /** An event of a type this consumer has no handler for: nothing to do, not even an inbox row. */
    boolean ignored(InboundRecord in, Decoded decoded) {
        return decoded instanceof Decoded.Accepted && handlerOf(decoded) == null && !Topics.isIntentsTopic(in.topic());
    }

    /** The handler of an accepted record, or null (a rejected record, or a type this service ignores). */
    MessageHandler<?> handlerOf(Decoded decoded) {
        return decoded instanceof Decoded.Accepted a ? handlers.get(a.message().type().javaType()) : null;
    }

    /**
     * The effect of one record not processed before, inside the caller's transaction: the handler and the
     * inbox row, or the rejection (dead letter, {@code IntentRejected}, inbox row).
     *
     * @return what to run once the transaction committed
     */
    Uni<Runnable> applyWithin(String consumer, InboundRecord in, Decoded decoded) {
        io.opentelemetry.api.trace.Span span = tracing.processing(consumer, in);
        String traceparent = MessageTracing.traceparent(span);
        return Uni.createFrom().deferred(() -> applyTraced(consumer, in, decoded, traceparent))
                .onTermination().invoke((done, failure, cancelled) -> MessageTracing.end(span, failure));
    }

    /** {@link #applyWithin} under the record's span: what it sends carries {@code traceparent}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Uni<Runnable> applyTraced(String consumer, InboundRecord in, Decoded decoded, String traceparent) {
        if (decoded instanceof Decoded.Rejected rejected) {
            return rejectWithin(consumer, in, rejected, traceparent).replaceWith(NOTHING);
        }
        InboundMessage received = ((Decoded.Accepted) decoded).message();
        InboundMessage message = new InboundMessage(received.topic(), received.key(),
                received.metadata().withTraceparent(traceparent), received.type(), received.payload());
        MessageHandler handler = handlers.get(message.type().javaType());
        if (handler == null) {
            if (Topics.isIntentsTopic(in.topic())) {
                return rejectWithin(consumer, in, new Decoded.Rejected(RejectionReason.UNSUPPORTED_INTENT,
                        identity.domain() + " does not handle " + message.type().ceType(),
                        List.of("unsupported intent " + message.type().name()), message.type().ceType()), traceparent)
                        .replaceWith(NOTHING);
            }
            return Uni.createFrom().item(NOTHING); // an event this consumer has no interest in
        }
        Runnable afterCommit = () -> handler.afterCommit(message);
        return ((Uni<Void>) handler.handle(message))
                .chain(() -> inbox.record(consumer, in.inboxId(), message.type().ceType(), "APPLIED"))
                .replaceWith(afterCommit);
    }

    /** What a handler's refusal of an accepted record turns it into. */
    private static Decoded.Rejected refusal(String consumer, InboundRecord in, Decoded decoded, RejectedException r) {
        Decoded.Accepted accepted = (Decoded.Accepted) decoded;
        LOG.infof("%s: %s %s rejected: %s", consumer, accepted.message().type().name(), in.inboxId(), r.getMessage());
        return new Decoded.Rejected(r.reason(), r.getMessage(), r.violations(), accepted.message().type().ceType());
    }

    /**
     * Inside the caller's transaction (a batch's, rolled back to before the record): records the handler's refusal
     * of an accepted record as {@link #process} would (inbox row, {@code IntentRejected}, dead letter if poison).
     */
    Uni<Runnable> refuseWithin(String consumer, InboundRecord in, Decoded decoded, RejectedException e) {
        return applyWithin(consumer, in, refusal(consumer, in, decoded, e));
    }

    private Uni<Void> rejectWithin(String consumer, InboundRecord in, Decoded.Rejected rejected, String traceparent) {
        LOG.infof("%s: record %s on %s/%d@%d refused (%s): %s", consumer, in.identity(), in.topic(), in.partition(),
                in.offset(), rejected.reason(), rejected.detail());
        Uni<Void> deadLetter = rejected.reason().isPoison() ? deadLetter(in, rejected.reason() + ": " + rejected.detail(),
                String.join("; ", rejected.violations())) : Uni.createFrom().voidItem();
        return deadLetter
                .chain(() -> Topics.isIntentsTopic(in.topic()) ? intentRejected(in, rejected, traceparent) : Uni.createFrom().voidItem())
                .chain(() -> inbox.record(consumer, in.inboxId(), rejected.ceType(), "REJECTED"));
    }

    /**
     * A record that kept failing for an unexpected reason (after its retries): dead-lettered through the
     * outbox with the failure as its reason and recorded as FAILED, in one transaction, so the consumer
     * moves on (what SmallRye's dead-letter strategy does for a single record).
     */
    Uni<Void> deadLetterFailure(String consumer, InboundRecord in, Throwable failure) {
        LOG.errorf("%s: record %s on %s/%d@%d failed and goes to the DLQ: %s", consumer, in.identity(), in.topic(),
                in.partition(), in.offset(), Failures.describe(failure));
        String ceType = in.headers().get(CloudEventHeaders.TYPE);
        return Panache.withTransaction(() -> inbox.alreadyProcessed(consumer, in.inboxId()).chain(seen -> seen
                ? Uni.createFrom().voidItem()
                : deadLetter(in, "PROCESSING_FAILED: " + Failures.describe(failure), Failures.describe(failure))
                .chain(() -> inbox.record(consumer, in.inboxId(), ceType, "FAILED"))))
                .invoke(relay::kick);
    }

    private Uni<Void> deadLetter(InboundRecord in, String reason, String cause) {
        // the original headers, bounded (the record may have been refused for them), then the reason
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : in.headers().entrySet()) {
            if (headers.size() >= EnvelopeLimits.MAX_HEADERS) {
                break;
            }
            if (h.getValue() != null && h.getKey().length() <= 255) {
                headers.put(h.getKey(), Bounded.utf8(h.getValue(), Bounded.MAX_HEADER_BYTES));
            }
        }
        headers.put(CloudEventHeaders.DLQ_REASON, Bounded.utf8(reason, Bounded.MAX_HEADER_BYTES));
        headers.put(CloudEventHeaders.DLQ_CAUSE, Bounded.utf8(cause, Bounded.MAX_HEADER_BYTES));
        headers.put(CloudEventHeaders.DLQ_TOPIC, in.topic());
        headers.put(CloudEventHeaders.DLQ_PARTITION, Integer.toString(in.partition()));
        headers.put(CloudEventHeaders.DLQ_OFFSET, Long.toString(in.offset()));
        return outbox.appendRaw("dlq:" + in.inboxId(), Topics.dlq(in.topic()), in.key(), headers, in.value());
    }

    private Uni<Void> intentRejected(InboundRecord in, Decoded.Rejected rejected, String traceparent) {
        String domain = Topics.domainOf(in.topic());
        MessageType type = MessageCatalog.of(IntentRejected.class, domain);
        String ceType = rejected.ceType() != null && CE_TYPE.matcher(rejected.ceType()).matches() ? rejected.ceType() : null;
        IntentRejected event = new IntentRejected(in.identity(), ceType,
                rejected.reason() + ": " + rejected.detail(), rejected.violations());
        Map<String, String> h = in.headers();
        String correlation = h.get(CloudEventHeaders.CORRELATION_ID);
        if (correlation == null || correlation.length() > InboundRecord.MAX_ID_LENGTH) {
            correlation = in.identity();
        }
        String principal = Bounded.text(h.getOrDefault(CloudEventHeaders.PRINCIPAL, identity.principal()), 255);
        EventMetadata metadata = new EventMetadata(UUID.randomUUID().toString(), type.ceType(), identity.source(),
                event.aggregateId(), Instant.now(), correlation, in.identity(), principal, traceparent);
        return outbox.append(type.topic(), event, metadata);
    }
}

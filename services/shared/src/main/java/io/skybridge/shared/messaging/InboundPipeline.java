package io.skybridge.shared.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.common.IntentRejected;
import io.skybridge.shared.config.MessagingConfig;
import io.skybridge.shared.config.ServiceIdentity;
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
 * {@code IntentRejected}. The consumer always moves on.
 */
@ApplicationScoped
public class InboundPipeline {
    private static final Logger LOG = Logger.getLogger(InboundPipeline.class);
    private static final java.util.regex.Pattern CE_TYPE =
            java.util.regex.Pattern.compile("^io\\.skybridge\\.[a-z]+\\.[A-Za-z]+\\.v[0-9]+$");

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
        Decoded decoded = decoder.decode(in);
        Uni<Void> work;
        if (decoded instanceof Decoded.Accepted accepted) {
            work = dispatch(consumer, in, accepted.message());
        } else {
            work = reject(consumer, in, (Decoded.Rejected) decoded);
        }
        return work
                .onFailure(e -> !(e instanceof RejectedException))
                .retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(5)
                .invoke(relay::kick);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Uni<Void> dispatch(String consumer, InboundRecord in, InboundMessage<? extends SkybridgeMessage> message) {
        MessageHandler handler = handlers.get(message.type().javaType());
        if (handler == null) {
            if (Topics.isIntentsTopic(in.topic())) {
                return reject(consumer, in, new Decoded.Rejected(RejectionReason.UNSUPPORTED_INTENT,
                        identity.domain() + " does not handle " + message.type().ceType(),
                        List.of("unsupported intent " + message.type().name()), message.type().ceType()));
            }
            return Uni.createFrom().voidItem(); // an event this consumer has no interest in
        }
        String id = in.inboxId();
        return Panache.withTransaction(() -> inbox.alreadyProcessed(consumer, id).chain(seen -> {
                    if (seen) {
                        LOG.debugf("%s: %s %s already processed, skipped", consumer, message.type().name(), id);
                        return Uni.createFrom().item(false);
                    }
                    return ((Uni<Void>) handler.handle(message))
                            .chain(() -> inbox.record(consumer, id, message.type().ceType(), "APPLIED"))
                            .replaceWith(true);
                }))
                .invoke(applied -> {
                    if (applied) {
                        handler.afterCommit(message);
                    }
                })
                .replaceWithVoid()
                .onFailure(RejectedException.class).recoverWithUni(e -> {
                    RejectedException r = (RejectedException) e;
                    LOG.infof("%s: %s %s rejected: %s", consumer, message.type().name(), id, r.getMessage());
                    return reject(consumer, in, new Decoded.Rejected(r.reason(), r.getMessage(), r.violations(),
                            message.type().ceType()));
                });
    }

    private Uni<Void> reject(String consumer, InboundRecord in, Decoded.Rejected rejected) {
        String id = in.inboxId();
        LOG.infof("%s: record %s on %s/%d@%d refused (%s): %s", consumer, in.identity(), in.topic(), in.partition(),
                in.offset(), rejected.reason(), rejected.detail());
        return Panache.withTransaction(() -> inbox.alreadyProcessed(consumer, id).chain(seen -> {
            if (seen) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> deadLetter = rejected.reason().isPoison() ? deadLetter(in, rejected) : Uni.createFrom().voidItem();
            return deadLetter
                    .chain(() -> Topics.isIntentsTopic(in.topic()) ? intentRejected(in, rejected) : Uni.createFrom().voidItem())
                    .chain(() -> inbox.record(consumer, id, rejected.ceType(), "REJECTED"));
        }));
    }

    private Uni<Void> deadLetter(InboundRecord in, Decoded.Rejected rejected) {
        Map<String, String> headers = new LinkedHashMap<>();
        in.headers().forEach((k, v) -> {
            if (v != null) {
                headers.put(k, v);
            }
        });
        headers.put(CloudEventHeaders.DLQ_REASON, rejected.reason() + ": " + rejected.detail());
        headers.put(CloudEventHeaders.DLQ_CAUSE, String.join("; ", rejected.violations()));
        headers.put(CloudEventHeaders.DLQ_TOPIC, in.topic());
        headers.put(CloudEventHeaders.DLQ_PARTITION, Integer.toString(in.partition()));
        headers.put(CloudEventHeaders.DLQ_OFFSET, Long.toString(in.offset()));
        return outbox.appendRaw("dlq:" + in.inboxId(), Topics.dlq(in.topic()), in.key(), headers, in.value());
    }

    private Uni<Void> intentRejected(InboundRecord in, Decoded.Rejected rejected) {
        String domain = Topics.domainOf(in.topic());
        MessageType type = MessageCatalog.of(IntentRejected.class, domain);
        String ceType = rejected.ceType() != null && CE_TYPE.matcher(rejected.ceType()).matches() ? rejected.ceType() : null;
        IntentRejected event = new IntentRejected(in.identity(), ceType,
                rejected.reason() + ": " + rejected.detail(), rejected.violations());
        Map<String, String> h = in.headers();
        String correlation = h.getOrDefault(CloudEventHeaders.CORRELATION_ID, in.identity());
        String principal = h.getOrDefault(CloudEventHeaders.PRINCIPAL, identity.principal());
        EventMetadata metadata = new EventMetadata(UUID.randomUUID().toString(), type.ceType(), identity.source(),
                event.aggregateId(), Instant.now(), correlation, in.identity(), principal);
        return outbox.append(type.topic(), event, metadata);
    }
}

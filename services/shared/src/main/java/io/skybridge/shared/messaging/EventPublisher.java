package io.skybridge.shared.messaging;

import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageKind;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.Topics;
import io.skybridge.shared.config.ServiceIdentity;
import io.skybridge.shared.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes through the outbox (so call it inside the transaction of the state change), filling the
 * CloudEvents envelope: correlation and causation follow the message that caused this one.
 */
@ApplicationScoped
public class EventPublisher {

    @Inject
    Outbox outbox;

    @Inject
    ServiceIdentity identity;

    /** The type resolved for each message class (the catalogue is fixed). */
    private final Map<Class<?>, MessageType> types = new ConcurrentHashMap<>();

    /** Publish {@code message} as a consequence of {@code cause}. @return the new message's metadata */
    public Uni<EventMetadata> publish(SkybridgeMessage message, EventMetadata cause) {
        return send(message, cause, null);
    }

    /**
     * The same, sent from the span {@code traceparent} names (null: the cause's); with no cause the message starts
     * a new story in that trace.
     */
    public Uni<EventMetadata> publishTraced(SkybridgeMessage message, EventMetadata cause, String traceparent) {
        return send(message, cause, traceparent);
    }

    private Uni<EventMetadata> send(SkybridgeMessage message, EventMetadata cause, String traceparent) {
        MessageType type = typeOf(message);
        EventMetadata metadata = cause == null
                ? EventMetadata.newIntent(type, message.aggregateId(), identity.source(), identity.principal())
                : EventMetadata.causedBy(cause, type, message.aggregateId(), identity.source());
        if (traceparent != null) {
            metadata = metadata.withTraceparent(traceparent);
        }
        EventMetadata sent = metadata;
        return outbox.append(type.topic(), message, sent).replaceWith(sent);
    }

    /**
     * Publish {@code message} as a consequence of {@code cause} under a given, deterministic id: a step repeated
     * after a crash sends the very same message again, and the receiver's inbox drops it.
     */
    public Uni<EventMetadata> publish(SkybridgeMessage message, EventMetadata cause, String id) {
        MessageType type = typeOf(message);
        EventMetadata metadata = EventMetadata.causedBy(cause, type, message.aggregateId(), identity.source(), id);
        return outbox.append(type.topic(), message, metadata).replaceWith(metadata);
    }

    /** Publish a message this service originates on its own (a new story: correlation = its own id). */
    public Uni<EventMetadata> publish(SkybridgeMessage message) {
        return publish(message, null);
    }

    /**
     * The catalogue type of a message as this service sends it. Only the owner writes its events
     * topic: an event of another service's domain is refused here.
     */
    MessageType typeOf(SkybridgeMessage message) {
        MessageType known = types.get(message.getClass());
        if (known != null) {
            return known;
        }
        MessageType type = resolve(message);
        types.put(message.getClass(), type);
        return type;
    }

    private MessageType resolve(SkybridgeMessage message) {
        var own = MessageCatalog.all().stream()
                .filter(t -> t.javaType().equals(message.getClass()) && t.domain().equals(identity.domain()))
                .findFirst();
        if (own.isPresent()) {
            return own.get();
        }
        MessageType type = MessageCatalog.of(message.getClass());
        boolean foreignEvents = type.kind() == MessageKind.EVENT
                && type.topic().startsWith("skybridge.") && type.topic().endsWith(".events")
                && !Topics.domainOf(type.topic()).equals(identity.domain());
        if (foreignEvents) {
            throw new IllegalStateException(identity.domain() + " may not write " + type.topic());
        }
        return type;
    }
}

package io.skybridge.shared.messaging;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.shared.domain.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;

/**
 * The spans of Skybridge's Kafka hops, linked by the W3C {@code traceparent} header: a CONSUMER span per record
 * processed (child of the sender's span), a PRODUCER span per outbox row published (child of the span that wrote the
 * row, whose {@code traceparent} the row keeps), and INTERNAL spans for the steps of a saga that resumes a story
 * from its stored trace context. Every outgoing message carries the {@code traceparent} of the span that caused it,
 * so one intent's story is one trace across the services.
 */
@ApplicationScoped
public class MessageTracing {
    public static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    public static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> CE_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    public static final AttributeKey<String> CORRELATION = AttributeKey.stringKey("skybridge.correlation_id");
    public static final AttributeKey<String> CONSUMER = AttributeKey.stringKey("messaging.consumer.group.name");

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    @Inject
    Tracer tracer;

    /** The span of processing {@code in} for {@code consumer}: a child of the sender's span when it sent one. */
    public Span processing(String consumer, InboundRecord in) {
        Map<String, String> h = in.headers();
        String ceType = h.get(CloudEventHeaders.TYPE);
        SpanBuilder b = tracer.spanBuilder("process " + shortType(ceType)).setSpanKind(SpanKind.CONSUMER)
                .setParent(parent(h.get(CloudEventHeaders.TRACEPARENT)))
                .setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, in.topic()).setAttribute(CONSUMER, consumer);
        set(b, MESSAGE_ID, h.get(CloudEventHeaders.ID));
        set(b, CE_TYPE, ceType);
        set(b, CORRELATION, h.get(CloudEventHeaders.CORRELATION_ID));
        return b.startSpan();
    }

    /** The span of publishing one stored record; a child of the span that wrote it ({@code traceparent}). */
    public Span publishing(String topic, String eventId, String ceType, String traceparent) {
        SpanBuilder b = tracer.spanBuilder("publish " + shortType(ceType)).setSpanKind(SpanKind.PRODUCER)
                .setParent(parent(traceparent)).setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, topic);
        set(b, MESSAGE_ID, eventId);
        set(b, CE_TYPE, ceType);
        return b.startSpan();
    }

    /** An INTERNAL span continuing the story {@code traceparent} names (a new trace when it is null or invalid). */
    public Span step(String name, String traceparent) {
        return tracer.spanBuilder(name).setParent(parent(traceparent)).startSpan();
    }

    /**
     * Runs {@code work} (blocking) with a {@link #step} span current on this thread, and ends it: the cloud calls made
     * on the thread are its children, and {@link #currentOr} gives the messages it sends its context.
     */
    public void inStep(String name, String traceparent, Runnable work) {
        Span span = step(name, traceparent);
        Throwable failed = null;
        try (io.opentelemetry.context.Scope scope = span.makeCurrent()) {
            work.run();
        } catch (RuntimeException | Error e) {
            failed = e;
            throw e;
        } finally {
            end(span, failed);
        }
    }

    /** The {@code traceparent} of {@code span} (null when it is not recorded or not valid). */
    public static String traceparent(Span span) {
        if (span == null || !span.getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), carrier, Map::put);
        return carrier.get(CloudEventHeaders.TRACEPARENT);
    }

    /**
     * The {@code traceparent} a resumed story's message is sent from: the span current on this thread (a saga step's,
     * which made it current) or else the one stored with the story.
     */
    public static String currentOr(String stored) {
        String current = traceparent(Span.current());
        return current != null ? current : stored;
    }

    /** Ends {@code span}, with an error status when {@code failure} is not null. */
    public static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, Failures.describe(failure));
        }
        span.end();
    }

    /** The context {@code traceparent} names, or the root context (a new trace) when it is null or not valid. */
    static Context parent(String traceparent) {
        if (traceparent == null || traceparent.length() > 64) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(),
                Map.of(CloudEventHeaders.TRACEPARENT, traceparent), GETTER);
    }

    /** The trace id a {@code traceparent} names (32 hex digits), null when it is null or not valid. */
    public static String traceId(String traceparent) {
        SpanContext context = Span.fromContext(parent(traceparent)).getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }

    /** {@code io.skybridge.failover.OutageDeclared.v1} → {@code OutageDeclared}. */
    public static String shortType(String ceType) {
        if (ceType == null) {
            return "record";
        }
        String[] parts = ceType.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : ceType;
    }

    private static void set(SpanBuilder b, AttributeKey<String> key, String value) {
        if (value != null) {
            b.setAttribute(key, Bounded.text(value, 255));
        }
    }

}

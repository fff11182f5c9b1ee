package io.skybridge.shared.config;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Which spans are recorded: every span of a story (a child follows its parent's decision, W3C's sampled flag). A
 * story starts at a REST request (SERVER), a step that starts one (INTERNAL: a detector's declaration) or a record
 * whose sender traced it (the CLI always does). A CLIENT, PRODUCER or CONSUMER span without a parent is the
 * background loops' traffic — Lease renewals every 500 ms, health observations every second, records sent without a
 * {@code traceparent} — and is not recorded (its context is passed on unsampled, so nothing under it is either).
 * Quarkus uses a {@link Sampler} bean instead of {@code quarkus.otel.traces.sampler}.
 */
@Singleton
public class StorySampler implements Sampler {
    private final Sampler delegate = Sampler.parentBased(new Sampler() {
        @Override
        public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                           Attributes attributes, List<LinkData> parentLinks) {
            return spanKind == SpanKind.SERVER || spanKind == SpanKind.INTERNAL ? SamplingResult.recordAndSample()
                    : SamplingResult.drop();
        }

        @Override
        public String getDescription() {
            return "RootsButClientCalls";
        }
    });

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                       Attributes attributes, List<LinkData> parentLinks) {
        return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "SkybridgeStories{" + delegate.getDescription() + "}";
    }
}

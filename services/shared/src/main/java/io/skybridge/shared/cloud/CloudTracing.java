package io.skybridge.shared.cloud;

import com.google.api.gax.tracing.ApiTracerFactory;
import com.google.api.gax.tracing.BaseApiTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import software.amazon.awssdk.core.interceptor.Context.AfterExecution;
import software.amazon.awssdk.core.interceptor.Context.BeforeExecution;
import software.amazon.awssdk.core.interceptor.Context.FailedExecution;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * CLIENT spans for the cloud SDK calls made inside a story's span (a saga step that made its span current on the
 * calling thread): {@code Ec2.CreateVpnGateway}, {@code Compute.VpnGateways.Insert}. A call made outside any span
 * (the prober's and the monitor's polling, drift sync) records none: those loops would otherwise start a trace per
 * call.
 */
public final class CloudTracing {
    static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
    static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
    static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
    static final AttributeKey<String> CLOUD = AttributeKey.stringKey("cloud.provider");
    private static final ExecutionAttribute<Span> SPAN = new ExecutionAttribute<>("skybridge.span");

    private CloudTracing() {
    }

    /** The application's tracer (a no-op one outside a Quarkus application, e.g. a plain unit test). */
    static Tracer tracer() {
        try {
            var container = io.quarkus.arc.Arc.container();
            if (container != null && container.isRunning()) {
                var handle = container.instance(Tracer.class);
                if (handle.isAvailable()) {
                    return handle.get();
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // not in an application: no spans
        }
        return TracerProvider.noop().get("skybridge.cloud");
    }

    /** A CLIENT span child of the current one, or null when no span is current. */
    static Span start(String name, String provider, String service, String method) {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        return tracer().spanBuilder(name).setSpanKind(SpanKind.CLIENT).setParent(Context.current())
                .setAttribute(CLOUD, provider).setAttribute(RPC_SERVICE, service).setAttribute(RPC_METHOD, method)
                .setAttribute(RPC_SYSTEM, "aws".equals(provider) ? "aws-api" : "gcp-api").startSpan();
    }

    static void end(Span span, Throwable failure) {
        if (span == null) {
            return;
        }
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        }
        span.end();
    }

    /** AWS SDK v2: a span per API call (its retries inside). */
    public static ExecutionInterceptor aws() {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(BeforeExecution context, ExecutionAttributes attributes) {
                String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
                String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                Span span = start(service + "." + operation, "aws", service, operation);
                if (span != null) {
                    attributes.putAttribute(SPAN, span);
                }
            }

            @Override
            public void afterExecution(AfterExecution context, ExecutionAttributes attributes) {
                end(attributes.getAttribute(SPAN), null);
            }

            @Override
            public void onExecutionFailure(FailedExecution context, ExecutionAttributes attributes) {
                end(attributes.getAttribute(SPAN), context.exception());
            }
        };
    }

    /** Google's gax: a span per operation (a long-running one until it is done). */
    public static ApiTracerFactory gcp() {
        return (parent, spanName, type) -> {
            String method = gcpMethod(spanName.getClientName() + "/" + spanName.getMethodName());
            Span span = start("Compute." + method, "gcp", "compute.v1", method);
            return span == null ? BaseApiTracer.getInstance() : new SpanTracer(span);
        };
    }

    /** {@code google.cloud.compute.v1.VpnTunnels/Insert} (however gax splits it) → {@code VpnTunnels.Insert}. */
    static String gcpMethod(String full) {
        String s = full.replace('/', '.');
        String[] parts = s.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : s;
    }

    private static final class SpanTracer extends BaseApiTracer {
        private final Span span;

        SpanTracer(Span span) {
            this.span = span;
        }

        @Override
        public void operationSucceeded() {
            end(span, null);
        }

        @Override
        public void operationCancelled() {
            end(span, null);
        }

        @Override
        public void operationFailed(Throwable error) {
            end(span, error);
        }
    }
}

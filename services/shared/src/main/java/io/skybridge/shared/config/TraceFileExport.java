package io.skybridge.shared.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.skybridge.contracts.ContractJson;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Writes every ended span as one JSON line to {@code skybridge.tracing.file} when it is set (the local stack sets it
 * to {@code <home>/traces/<service>.jsonl}; {@code skybridge trace <id>} and the tests read those files). Production
 * leaves it unset and exports OTLP ({@code quarkus.otel.exporter.otlp.traces.endpoint}). A Quarkus
 * {@link SpanProcessor} bean, beside the OTLP exporter, not instead of it.
 */
@ApplicationScoped
public class TraceFileExport implements SpanProcessor {
    private static final Logger LOG = Logger.getLogger(TraceFileExport.class);

    private final Writer out;
    private final String domain;

    public TraceFileExport(@ConfigProperty(name = "skybridge.tracing.file") Optional<String> file,
                           @ConfigProperty(name = "skybridge.service.domain") String domain) {
        this.domain = domain;
        Writer w = null;
        if (file.isPresent() && !file.get().isBlank()) {
            try {
                Path path = Path.of(file.get());
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
                w = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                LOG.infof("spans are written to %s", path);
            } catch (IOException e) {
                LOG.warnf("spans not written to %s: %s", file.get(), e.toString());
            }
        }
        this.out = w;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (out == null || !span.getSpanContext().isSampled()) {
            return;
        }
        SpanData d = span.toSpanData();
        ObjectNode line = ContractJson.mapper().createObjectNode();
        line.put("traceId", d.getTraceId());
        line.put("spanId", d.getSpanId());
        line.put("parentSpanId", d.getParentSpanContext().isValid() ? d.getParentSpanId() : null);
        line.put("service", domain);
        line.put("name", d.getName());
        line.put("kind", d.getKind().name());
        line.put("startEpochNanos", d.getStartEpochNanos());
        line.put("endEpochNanos", d.getEndEpochNanos());
        line.put("status", d.getStatus().getStatusCode().name());
        ObjectNode attributes = line.putObject("attributes");
        d.getAttributes().forEach((k, v) -> attributes.put(k.getKey(), String.valueOf(v)));
        try {
            String json = ContractJson.mapper().writeValueAsString(line);
            synchronized (out) {
                out.write(json);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            LOG.debugf("span %s not written: %s", d.getSpanId(), e.toString());
        }
    }

    @Override
    public boolean isEndRequired() {
        return out != null;
    }

    @Override
    public CompletableResultCode shutdown() {
        if (out != null) {
            try {
                synchronized (out) {
                    out.close();
                }
            } catch (IOException e) {
                LOG.debugf("trace file not closed: %s", e.toString());
            }
        }
        return CompletableResultCode.ofSuccess();
    }
}

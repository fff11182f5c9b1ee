package io.skybridge.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.cli.Console;
import io.skybridge.cli.ExitCodes;
import io.skybridge.cli.GlobalOptions;
import io.skybridge.cli.stack.StateDir;
import io.skybridge.cli.trace.TraceStore;
import io.skybridge.contracts.ContractJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Show one trace of the local stack (the id `skybridge publish` and `skybridge outage` print): every span "
                + "every service wrote to <home>/traces, as a tree. Production traces go to your OTLP collector instead.")
public class TraceCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", description = "the trace id (32 hex digits)")
    String traceId;

    @Override
    public Integer call() {
        Console console = Console.system();
        if (traceId == null || !traceId.matches("^[0-9a-f]{32}$")) {
            console.error("✗ a trace id is 32 lowercase hex digits: " + traceId);
            return ExitCodes.INVALID;
        }
        List<TraceStore.Span> spans = new TraceStore(new StateDir(global.home()).traces()).spans(traceId);
        if (global.json()) {
            ArrayNode out = ContractJson.mapper().createArrayNode();
            for (TraceStore.Span s : spans) {
                ObjectNode n = out.addObject();
                n.put("traceId", s.traceId());
                n.put("spanId", s.spanId());
                n.put("parentSpanId", s.parentSpanId());
                n.put("service", s.service());
                n.put("name", s.name());
                n.put("kind", s.kind());
                n.put("startEpochNanos", s.startNanos());
                n.put("endEpochNanos", s.endNanos());
                n.put("status", s.status());
                n.set("attributes", s.attributes());
            }
            console.println(out.toString());
        } else {
            TraceStore.tree(spans).forEach(console::println);
            console.err().println(spans.size() + " span(s) in " + spans.stream().map(TraceStore.Span::service).distinct().count()
                    + " service(s)");
        }
        return spans.isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
    }
}

package io.skybridge.cli.trace;

import io.skybridge.cli.intent.TraceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceStoreTest {

    @Test
    void shouldStartANewSampledTraceForEveryIntent() {
        String a = TraceContext.newTraceparent();
        String b = TraceContext.newTraceparent();
        assertTrue(a.matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$"), a);
        assertNotEquals(TraceContext.traceId(a), TraceContext.traceId(b));
        assertEquals(a.substring(3, 35), TraceContext.traceId(a));
        assertNull(TraceContext.traceId("00-xyz-1-01"));
    }

    @Test
    void shouldReadOneTraceFromEveryReplicasFileAsATree(@TempDir Path dir) throws Exception {
        String t = "4bf92f3577b34da6a3ce929d0e0e4736";
        Files.writeString(dir.resolve("failover.jsonl"), String.join("\n",
                span(t, "a1", "c0", "failover", "process OutageDeclarationRequested", 10),
                span(t, "a2", "a1", "failover", "publish NodePoolScaleRequested", 20),
                span("0af7651916cd43dd8448eb211c80319c", "z9", null, "failover", "process Other", 5),
                "{\"traceId\":\"" + t + "\",\"spanId\"")); // a line still being written
        Files.writeString(dir.resolve("provisioning.jsonl"), span(t, "b1", "a2", "provisioning", "process NodePoolScaleRequested", 30) + "\n");

        List<TraceStore.Span> spans = new TraceStore(dir).spans(t);
        assertEquals(List.of("a1", "a2", "b1"), spans.stream().map(TraceStore.Span::spanId).toList(), "by start, this trace only");
        List<String> tree = TraceStore.tree(spans);
        assertEquals(3, tree.size());
        assertTrue(tree.get(0).contains("failover      process OutageDeclarationRequested"), tree.get(0));
        assertTrue(tree.get(2).contains("    provisioning  process NodePoolScaleRequested"), "under its parent: " + tree);
    }

    private static String span(String trace, String id, String parent, String service, String name, long start) {
        return "{\"traceId\":\"" + trace + "\",\"spanId\":\"" + id + "\",\"parentSpanId\":" + (parent == null ? "null" : "\"" + parent + "\"")
                + ",\"service\":\"" + service + "\",\"name\":\"" + name + "\",\"kind\":\"CONSUMER\",\"startEpochNanos\":" + start * 1_000_000
                + ",\"endEpochNanos\":" + (start + 1) * 1_000_000 + ",\"status\":\"UNSET\",\"attributes\":{}}";
    }
}

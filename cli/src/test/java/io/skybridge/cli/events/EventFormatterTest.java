package io.skybridge.cli.events;

import io.skybridge.cli.Console;
import io.skybridge.contracts.ContractJson;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFormatterTest {
    private final EventRecord joined = new EventRecord("skybridge.provisioning.events", 1, 7, 0, "gcp-pool-0",
            Map.of("ce_type", "io.skybridge.provisioning.NodeJoined.v1", "ce_id", "e1",
                    "ce_correlationid", "0123456789abcdef", "ce_time", "2026-11-26T19:05:01.250Z"),
            ContractJson.mapper().createObjectNode().put("nodeId", "gcp-pool-0").put("cloud", "gcp").put("epoch", 3));

    @Test
    void oneReadableLineWithoutColoursWhenPiped() {
        String line = new EventFormatter(new Console(System.out, System.err, false)).line(joined);
        assertFalse(line.contains("\u001b["), "no ANSI codes when not on a terminal");
        assertTrue(line.startsWith("19:05:01.250 provisioning"), line);
        assertTrue(line.contains("NodeJoined"), line);
        assertTrue(line.contains("nodeId=gcp-pool-0 cloud=gcp"), line);
        assertFalse(line.contains("epoch"), line);
        assertTrue(line.endsWith("corr=01234567"), line);
        assertFalse(line.contains("\n"));
    }

    @Test
    void coloursOnATerminal() {
        String line = new EventFormatter(new Console(System.out, System.err, true)).line(joined);
        assertTrue(line.contains("\u001b[32mNodeJoined"), line);
    }

    @Test
    void jsonLineCarriesHeadersAndPayload() {
        var json = joined.toJson();
        assertEquals("NodeJoined", json.get("type").asText());
        assertEquals(7, json.get("offset").asInt());
        assertEquals("0123456789abcdef", json.get("headers").get("ce_correlationid").asText());
        assertEquals("gcp", json.get("payload").get("cloud").asText());
    }
}

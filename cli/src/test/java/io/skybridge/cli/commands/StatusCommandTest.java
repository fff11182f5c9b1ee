package io.skybridge.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.skybridge.contracts.ContractJson;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusCommandTest {
    @Test
    void onlyOpenIncidentsAreShown() throws Exception {
        JsonNode incidents = ContractJson.mapper().readTree("""
                [{"id":"inc-1-aws","state":"CLEARED"},{"id":"inc-2-gcp","state":"DECLARED","cloud":"gcp"}]""");
        JsonNode open = StatusCommand.openOnly(incidents);
        assertEquals(1, open.size());
        assertEquals("inc-2-gcp", open.get(0).get("id").asText());
    }

    @Test
    void anElementIsOneLine() throws Exception {
        JsonNode link = ContractJson.mapper().readTree("""
                {"id":"demo-link","phase":"ESTABLISHED","tunnels":[1,2,3,4,5],"aws":{"cidr":"10.200.0.0/16"}}""");
        String line = StatusCommand.line(link);
        assertEquals("id=demo-link phase=ESTABLISHED tunnels=[5] aws={cidr:10.200.0.0/16}", line);
        assertTrue(!line.contains("\n"));
    }
}

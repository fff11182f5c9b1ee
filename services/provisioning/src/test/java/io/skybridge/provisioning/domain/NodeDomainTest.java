package io.skybridge.provisioning.domain;

import io.skybridge.contracts.common.Taint;
import io.skybridge.provisioning.domain.LaunchPlan.Attempt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeDomainTest {

    @Test
    void shouldTryOwnZoneThenOtherZonesThenFallbackTypes() {
        List<Attempt> plan = LaunchPlan.of("b", List.of("a", "b", "c"), "m5.large", List.of("m5.xlarge", "m5.large"));
        assertEquals(List.of(new Attempt("b", "m5.large"), new Attempt("a", "m5.large"), new Attempt("c", "m5.large"),
                new Attempt("b", "m5.xlarge"), new Attempt("a", "m5.xlarge"), new Attempt("c", "m5.xlarge")), plan);
        assertEquals(plan.subList(3, 6), LaunchPlan.from(plan, new Attempt("b", "m5.xlarge")));
    }

    @Test
    void shouldSpreadAcrossZonesFewestFirst() {
        assertEquals("b", ZoneSpread.next(List.of("a", "b", "c"), Map.of("a", 2, "b", 1, "c", 1)));
        assertEquals("a", ZoneSpread.next(List.of("a", "b"), Map.of()));
    }

    @Test
    void shouldBoundBackoffAndJitterIt() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        for (int attempt = 0; attempt < 30; attempt++) {
            long d = b.delayMillis(attempt);
            long cap = Math.min(1000, 100L << Math.min(attempt, 20));
            assertTrue(d >= cap / 2 && d <= cap, attempt + ": " + d);
        }
    }

    @Test
    void shouldWriteTheJoinLineAndNeverPrintTheToken() {
        JoinConfig join = new JoinConfig("http://api:6443", "s3cr3t-token", "pool-a-0", "pool-a",
                Map.of("team", "x"), List.of(new Taint("dedicated", "batch", "NoSchedule")));
        String line = join.line();
        assertTrue(line.startsWith("SKYBRIDGE_JOIN="));
        String json = new String(Base64.getDecoder().decode(line.substring(15)), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"nodeName\":\"pool-a-0\"") && json.contains("\"effect\":\"NoSchedule\""), json);
        assertTrue(json.contains("s3cr3t-token"));
        assertFalse(join.toString().contains("s3cr3t-token"));
        assertTrue(join.userDataScript().startsWith("#!/bin/bash\n"));
    }
}

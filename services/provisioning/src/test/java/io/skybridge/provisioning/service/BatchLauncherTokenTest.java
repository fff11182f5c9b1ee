package io.skybridge.provisioning.service;

import io.skybridge.provisioning.domain.NodeRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchLauncherTokenTest {

    private static NodeRequest node(int ordinal, String zone) {
        NodeRequest n = new NodeRequest();
        n.id = "pool-" + ordinal;
        n.poolId = "pool";
        n.intentId = "intent-1";
        n.ordinal = ordinal;
        n.zone = zone;
        n.machineType = "m5.large";
        return n;
    }

    @Test
    void theSameBatchAlwaysGetsTheSameClientTokenAndAnotherBatchAnother() {
        String token = BatchLauncher.token(List.of(node(0, "a"), node(3, "a")));
        assertEquals(token, BatchLauncher.token(List.of(node(0, "a"), node(3, "a"))), "a redelivery repeats the token");
        assertTrue(token.length() <= 64 && token.chars().allMatch(c -> c < 128), "a valid EC2 ClientToken");
        assertNotEquals(token, BatchLauncher.token(List.of(node(0, "b"), node(3, "b"))), "another zone");
        assertNotEquals(token, BatchLauncher.token(List.of(node(0, "a"), node(3, "a"), node(6, "a"))), "another size");
        assertNotEquals(token, NodeLauncher.idempotencyKey(node(0, "a"),
                new io.skybridge.provisioning.domain.LaunchPlan.Attempt("a", "m5.large")), "never a single node's token");
    }
}

package io.skybridge.provisioning.service;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeNameTest {

    @Test
    void shouldNameANodeAfterItsPoolAndOrdinal() {
        assertEquals("web-7", PoolReconciler.nodeName("web", 7));
    }

    @Test
    void shouldNeverGiveTwoPoolsWithALongSharedPrefixTheSameNodeName() {
        String prefix = "p".repeat(60);
        String a = PoolReconciler.nodeName(prefix + "-a", 12);
        String b = PoolReconciler.nodeName(prefix + "-b", 12);
        assertNotEquals(a, b);
        for (String n : new String[] {a, b}) {
            assertTrue(n.length() <= 63 && n.matches("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"), n);
        }
        assertNotEquals(PoolReconciler.nodeName(prefix + "-a", 1), PoolReconciler.nodeName(prefix + "-a", 11),
                "ordinals stay apart too");
    }
}

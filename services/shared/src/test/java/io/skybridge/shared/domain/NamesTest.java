package io.skybridge.shared.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesTest {

    @Test
    void shouldKeepANameThatFits() {
        assertEquals("pool-a-1", Names.fit("pool-a-1"));
    }

    @Test
    void shouldGiveTwoLongNamesWithASharedPrefixDifferentNamesWithinTheLimit() {
        String prefix = "a".repeat(58);
        String one = Names.fit(prefix + "-one-1");
        String two = Names.fit(prefix + "-two-1");
        assertNotEquals(one, two);
        assertTrue(one.length() <= 63 && two.length() <= 63, one + " " + two);
        assertTrue(one.matches("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"), "still a DNS label: " + one);
        assertEquals(one, Names.fit(prefix + "-one-1"), "the same input always gives the same name");
    }
}

package io.skybridge.cli.intent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SetAssignmentTest {

    @Test
    void dottedPathAndValueWithEqualsSign() {
        SetAssignment a = SetAssignment.parse("aws.cidr=10.200.0.0/16");
        assertEquals(2, a.path().size());
        assertEquals("aws", a.path().get(0).name());
        assertEquals("cidr", a.path().get(1).name());
        assertEquals("10.200.0.0/16", a.value());
        assertEquals("reason=a=b", SetAssignment.parse("x=reason=a=b").value());
    }

    @Test
    void indexesAndEmptyValue() {
        SetAssignment a = SetAssignment.parse("taints[1].key=dedicated");
        assertEquals("taints", a.path().get(0).name());
        assertTrue(a.path().get(1).isIndex());
        assertEquals(1, a.path().get(1).index());
        assertEquals("key", a.path().get(2).name());
        assertEquals("taints[1].key", a.key());
        assertEquals("", SetAssignment.parse("reason=").value());
        assertFalse(SetAssignment.parse("a=1").path().get(0).isIndex());
    }

    @Test
    void malformedAssignmentsAreRefusedWithTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SetAssignment.parse("noequals"))
                .getMessage().contains("key=value"));
        assertThrows(IllegalArgumentException.class, () -> SetAssignment.parse("=v"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SetAssignment.parse("zones[x]=a"))
                .getMessage().contains("zones[x]"));
        assertThrows(IllegalArgumentException.class, () -> SetAssignment.parse("zones[-1]=a"));
        assertThrows(IllegalArgumentException.class, () -> SetAssignment.parse("a..b=1"));
    }
}

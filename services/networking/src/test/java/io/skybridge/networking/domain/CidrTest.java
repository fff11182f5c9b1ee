package io.skybridge.networking.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {

    @Test
    void shouldDetectOverlapBetweenASupernetAndItsSubnet() {
        assertTrue(Cidr.parse("10.200.0.0/16").overlaps(Cidr.parse("10.200.128.0/17")));
        assertTrue(Cidr.parse("10.200.128.0/17").overlaps(Cidr.parse("10.200.0.0/16")));
    }

    @Test
    void shouldSeeTheSeedNetworksAsDisjoint() {
        assertFalse(Cidr.parse("10.200.0.0/16").overlaps(Cidr.parse("10.201.0.0/16")));
    }

    @Test
    void shouldTreatAdjacentBlocksAsDisjoint() {
        assertFalse(Cidr.parse("169.254.0.0/30").overlaps(Cidr.parse("169.254.0.4/30")));
    }

    @Test
    void shouldRefuseHostBitsAndNameTheNetwork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.200.1.0/16"));
        assertTrue(e.getMessage().contains("10.200.0.0/16"), e.getMessage());
    }

    @Test
    void shouldRefuseMalformedBlocks() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.200.0.0"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.200.0.256/24"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.200.0.0/33"));
    }

    @Test
    void shouldPrintInDottedNotation() {
        assertEquals("0.0.0.0/0", Cidr.parse("0.0.0.0/0").toString());
        assertEquals("10.201.0.0/16", Cidr.parse("10.201.0.0/16").toString());
    }
}

package io.skybridge.networking.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of the tunnel inside-CIDR allocation over many random used sets (seeded, repeatable). */
class InsideCidrAllocatorPropertyTest {
    private static final Cidr LINK_LOCAL = Cidr.parse("169.254.0.0/16");

    private static Set<String> randomUsed(Random random, int size) {
        Set<String> used = new HashSet<>();
        while (used.size() < size) {
            int block = random.nextInt(1 << 14);
            used.add(new Cidr(LINK_LOCAL.network() + block * 4L, 30).toString());
        }
        return used;
    }

    @Test
    void shouldNeverAllocateAnOverlappingReservedOrUsedBlock() {
        Random random = new Random(20261126);
        for (int run = 0; run < 500; run++) {
            Set<String> used = randomUsed(random, random.nextInt(2000));
            int count = 1 + random.nextInt(8);
            List<String> got = InsideCidrAllocator.allocate("link-" + run, count, used);

            assertEquals(count, got.size());
            List<Cidr> all = new ArrayList<>();
            used.forEach(u -> all.add(Cidr.parse(u)));
            for (String g : got) {
                Cidr c = Cidr.parse(g);
                assertEquals(30, c.prefix());
                assertTrue(c.first() >= LINK_LOCAL.first() && c.last() <= LINK_LOCAL.last(), g);
                assertFalse(InsideCidrAllocator.AWS_RESERVED.contains(g), g + " is reserved by AWS");
                for (Cidr other : all) {
                    assertFalse(c.overlaps(other), g + " overlaps " + other);
                }
                all.add(c);
            }
        }
    }

    @Test
    void shouldBeDeterministicForTheSameLinkAndUsedSet() {
        Set<String> used = randomUsed(new Random(7), 300);
        assertEquals(InsideCidrAllocator.allocate("seed-link", 4, used), InsideCidrAllocator.allocate("seed-link", 4, used));
    }

    @Test
    void shouldRefuseWhenThePoolCannotHoldTheRequest() {
        Set<String> used = new HashSet<>();
        for (int block = 0; block < (1 << 14) - 9; block++) {
            used.add(new Cidr(LINK_LOCAL.network() + block * 4L, 30).toString());
        }
        used.remove("169.254.169.252/30");
        // 10 blocks not in use, one of them (169.254.169.252/30) reserved by AWS
        assertEquals(9, InsideCidrAllocator.allocate("x", 9, used).size());
        assertThrows(IllegalStateException.class, () -> InsideCidrAllocator.allocate("x", 10, used));
    }

    @Test
    void shouldPutTheAwsEndOnTheFirstHostAndGcpOnTheSecond() {
        assertEquals("169.254.10.1", InsideCidrAllocator.awsInsideIp("169.254.10.0/30"));
        assertEquals("169.254.10.2/30", InsideCidrAllocator.gcpInsideRange("169.254.10.0/30"));
    }
}

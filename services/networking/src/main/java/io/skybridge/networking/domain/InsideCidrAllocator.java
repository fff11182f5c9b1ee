package io.skybridge.networking.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Allocates the tunnels' link-local inside CIDRs: {@code /30} blocks of {@code 169.254.0.0/16},
 * distinct from every block already in use and from the blocks AWS reserves. Deterministic: the
 * same link id and the same used set always give the same blocks.
 */
public final class InsideCidrAllocator {
    private static final long BASE = Cidr.parse("169.254.0.0/16").network();
    private static final int BLOCKS = 1 << 14; // 65,536 addresses / 4

    /** AWS refuses these as tunnel inside CIDRs. */
    public static final Set<String> AWS_RESERVED = Set.of(
            "169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30", "169.254.3.0/30",
            "169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30");

    private InsideCidrAllocator() {
    }

    /**
     * @throws IllegalStateException when fewer than {@code count} blocks are free
     */
    public static List<String> allocate(String linkId, int count, Set<String> used) {
        Set<String> taken = new HashSet<>(used);
        List<String> result = new ArrayList<>(count);
        int start = Math.floorMod(linkId.hashCode(), BLOCKS);
        for (int i = 0; i < BLOCKS && result.size() < count; i++) {
            int block = (start + i) % BLOCKS;
            String cidr = new Cidr(BASE + block * 4L, 30).toString();
            if (!AWS_RESERVED.contains(cidr) && taken.add(cidr)) {
                result.add(cidr);
            }
        }
        if (result.size() < count) {
            throw new IllegalStateException("169.254.0.0/16 has only " + result.size() + " free /30 blocks, "
                    + count + " needed");
        }
        return result;
    }

    /** The AWS side of a tunnel uses the block's first host address, the GCP side the second. */
    public static String awsInsideIp(String cidr) {
        Cidr c = Cidr.parse(cidr);
        return new Cidr(c.network() + 1, 32).toString().replace("/32", "");
    }

    public static String gcpInsideRange(String cidr) {
        Cidr c = Cidr.parse(cidr);
        return new Cidr(c.network() + 2, 32).toString().replace("/32", "") + "/30";
    }
}

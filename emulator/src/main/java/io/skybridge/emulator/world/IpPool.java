package io.skybridge.emulator.world;

import java.util.HashSet;
import java.util.Set;

/** Hands out addresses of a CIDR in order, skipping the network's reserved ones. Not thread-safe: used under the world lock. */
public final class IpPool {
    private final Cidr cidr;
    private final int reservedLow;
    private final Set<Long> used = new HashSet<>();
    private long cursor;

    /** @param reservedLow how many addresses at the start of the block are not handed out (AWS reserves 4, GCP 2) */
    public IpPool(Cidr cidr, int reservedLow) {
        this.cidr = cidr;
        this.reservedLow = reservedLow;
        this.cursor = reservedLow;
    }

    public Cidr cidr() {
        return cidr;
    }

    /** @return the next free address, or null when the block is exhausted */
    public String allocate() {
        long size = cidr.size();
        for (long tried = 0; tried < size; tried++) {
            if (cursor >= size - 1) {
                cursor = reservedLow;
            }
            long ip = cidr.base() + cursor++;
            if (used.add(ip)) {
                return Cidr.format(ip);
            }
        }
        return null;
    }

    public void release(String ip) {
        if (ip != null) {
            used.remove(Cidr.parseIp(ip));
        }
    }

    public int free() {
        return (int) Math.max(0, cidr.size() - reservedLow - 1 - used.size());
    }
}

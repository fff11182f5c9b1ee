package io.skybridge.emulator.world;

/** An IPv4 CIDR block. */
public record Cidr(long base, int prefix) {

    public static Cidr parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("CIDR is required");
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid CIDR '" + s + "'");
        }
        long ip = parseIp(s.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid CIDR '" + s + "'");
        }
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("invalid CIDR '" + s + "'");
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        if ((ip & mask) != ip) {
            throw new IllegalArgumentException("invalid CIDR '" + s + "': host bits set");
        }
        return new Cidr(ip, prefix);
    }

    public static long parseIp(String s) {
        String[] p = s.trim().split("\\.", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("invalid IPv4 address '" + s + "'");
        }
        long v = 0;
        for (String part : p) {
            int o;
            try {
                o = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid IPv4 address '" + s + "'");
            }
            if (o < 0 || o > 255 || part.isEmpty() || part.length() > 3) {
                throw new IllegalArgumentException("invalid IPv4 address '" + s + "'");
            }
            v = (v << 8) | o;
        }
        return v;
    }

    public static boolean isIp(String s) {
        try {
            parseIp(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static String format(long ip) {
        return ((ip >> 24) & 255) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255);
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    public boolean contains(Cidr other) {
        return other.prefix >= prefix && (other.base & mask()) == base;
    }

    public boolean contains(long ip) {
        return (ip & mask()) == base;
    }

    public boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    private long mask() {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }
}

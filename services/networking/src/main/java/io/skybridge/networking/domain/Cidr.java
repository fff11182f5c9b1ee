package io.skybridge.networking.domain;

/** An IPv4 CIDR block ({@code 10.200.0.0/16}). */
public record Cidr(long network, int prefix) {

    public static Cidr parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR block (a.b.c.d/n)");
        }
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric prefix length");
        }
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0..32");
        }
        String[] octets = parts[0].split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address block");
        }
        long address = 0;
        for (String o : octets) {
            int v;
            try {
                v = Integer.parseInt(o);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has a non-numeric octet");
            }
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("'" + text + "' has an octet outside 0..255");
            }
            address = (address << 8) | v;
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        if ((address & mask) != address) {
            throw new IllegalArgumentException("'" + text + "' has host bits set (did you mean "
                    + new Cidr(address & mask, prefix) + "?)");
        }
        return new Cidr(address, prefix);
    }

    public long first() {
        return network;
    }

    public long last() {
        return network + (1L << (32 - prefix)) - 1;
    }

    public boolean overlaps(Cidr other) {
        return first() <= other.last() && other.first() <= last();
    }

    @Override
    public String toString() {
        return ((network >> 24) & 255) + "." + ((network >> 16) & 255) + "." + ((network >> 8) & 255) + "."
                + (network & 255) + "/" + prefix;
    }
}

package io.skybridge.networking.domain;

/**
 * Private BGP ASNs per link, from the link's ordinal: AWS side {@code 64512 + 2n}, GCP side
 * {@code 64513 + 2n} (both within 64512–65534, which both clouds accept).
 */
public record AsnPlan(long aws, long gcp) {
    public static final int MAX_LINKS = (65534 - 64512 + 1) / 2;

    public static AsnPlan forOrdinal(long ordinal) {
        if (ordinal < 0 || ordinal >= MAX_LINKS) {
            throw new IllegalStateException("no private ASN pair left for link ordinal " + ordinal);
        }
        return new AsnPlan(64512 + 2 * ordinal, 64513 + 2 * ordinal);
    }
}

package io.skybridge.shared.messaging;

import io.skybridge.contracts.CloudEventHeaders;

import java.util.List;
import java.util.Map;

/**
 * Bounds on a record's headers, checked before anything else reads them: how many, how large in all and each, and
 * how long the CloudEvents ids and the principal may be (they become inbox keys, Kafka keys and columns).
 */
public final class EnvelopeLimits {
    public static final int MAX_HEADERS = 32;
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    public static final int MAX_VALUE_BYTES = Bounded.MAX_HEADER_BYTES;
    private static final List<String> IDS = List.of(CloudEventHeaders.ID, CloudEventHeaders.CORRELATION_ID,
            CloudEventHeaders.CAUSATION_ID);
    private static final List<String> NAMES = List.of(CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE,
            CloudEventHeaders.SUBJECT, CloudEventHeaders.PRINCIPAL);

    private EnvelopeLimits() {
    }

    /** @return what is out of bounds, or null */
    public static String violation(InboundRecord record) {
        if (record.headerCount() > MAX_HEADERS) {
            return record.headerCount() + " headers exceed the limit of " + MAX_HEADERS;
        }
        if (record.headerBytes() > MAX_HEADER_BYTES) {
            return "headers of " + record.headerBytes() + " bytes exceed the limit of " + MAX_HEADER_BYTES;
        }
        for (Map.Entry<String, String> h : record.headers().entrySet()) {
            if (h.getValue() != null && h.getValue().length() > MAX_VALUE_BYTES) {
                return "header " + Bounded.text(h.getKey(), 64) + " is longer than " + MAX_VALUE_BYTES;
            }
        }
        for (String name : IDS) {
            String v = record.headers().get(name);
            if (v != null && v.length() > InboundRecord.MAX_ID_LENGTH) {
                return name + " is longer than " + InboundRecord.MAX_ID_LENGTH + " characters";
            }
        }
        for (String name : NAMES) {
            String v = record.headers().get(name);
            if (v != null && v.length() > 255) {
                return name + " is longer than 255 characters";
            }
        }
        if (record.key() != null && record.key().length() > 255) {
            return "the key is longer than 255 characters";
        }
        return null;
    }
}

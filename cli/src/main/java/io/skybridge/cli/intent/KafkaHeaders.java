package io.skybridge.cli.intent;

import io.skybridge.contracts.EventMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** CloudEvents attributes ⇄ Kafka record headers (binary mode: UTF-8 strings). */
public final class KafkaHeaders {
    private KafkaHeaders() {
    }

    public static Headers of(EventMetadata metadata) {
        RecordHeaders headers = new RecordHeaders();
        metadata.toHeaders().forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /** Last value wins when a header repeats. */
    public static Map<String, String> toMap(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Header h : headers) {
            map.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return map;
    }
}

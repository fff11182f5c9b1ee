package io.skybridge.shared.messaging;

import io.skybridge.contracts.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A raw Kafka record as it arrived: nothing about it is trusted yet. */
public record InboundRecord(
        String topic,
        int partition,
        long offset,
        String key,
        Map<String, String> headers,
        byte[] value) {

    public static InboundRecord of(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new InboundRecord(record.topic(), record.partition(), record.offset(), record.key(), headers,
                record.value());
    }

    /** The id used to dedupe and to name the record in a rejection: {@code ce_id}, else the key, else its position. */
    public String identity() {
        String ceId = headers.get(CloudEventHeaders.ID);
        if (ceId != null && !ceId.isBlank()) {
            return ceId;
        }
        return key != null ? key : topic + "/" + partition + "/" + offset;
    }

    /** Dedupe id for a record that may lack a usable {@code ce_id}: stable across redeliveries. */
    public String inboxId() {
        String ceId = headers.get(CloudEventHeaders.ID);
        return ceId != null && !ceId.isBlank() ? ceId : topic + "/" + partition + "/" + offset;
    }
}

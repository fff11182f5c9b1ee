package io.skybridge.shared.messaging;

import io.skybridge.contracts.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A raw Kafka record as it arrived: nothing about it is trusted yet. {@code headerCount} and {@code headerBytes} are
 * those of the record (repeated keys included), for {@link EnvelopeLimits}.
 */
public record InboundRecord(
        String topic,
        int partition,
        long offset,
        String key,
        Map<String, String> headers,
        byte[] value,
        int headerCount,
        int headerBytes) {

    /** Longest {@code ce_id} or key used as an inbox id or a rejection's key; a longer one is replaced by the position. */
    public static final int MAX_ID_LENGTH = 128;

    public InboundRecord(String topic, int partition, long offset, String key, Map<String, String> headers,
                         byte[] value) {
        this(topic, partition, offset, key, headers, value, headers.size(), bytesOf(headers));
    }

    public static InboundRecord of(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        int count = 0;
        int bytes = 0;
        for (Header h : record.headers()) {
            count++;
            bytes += h.key().length() + (h.value() == null ? 0 : h.value().length);
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new InboundRecord(record.topic(), record.partition(), record.offset(), record.key(), headers,
                record.value(), count, bytes);
    }

    private static int bytesOf(Map<String, String> headers) {
        int bytes = 0;
        for (Map.Entry<String, String> e : headers.entrySet()) {
            bytes += e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length);
        }
        return bytes;
    }

    /** The id used to name the record in a rejection: {@code ce_id}, else the key, else its position. */
    public String identity() {
        String ceId = usable(headers.get(CloudEventHeaders.ID));
        if (ceId != null) {
            return ceId;
        }
        String k = usable(key);
        return k != null ? k : position();
    }

    /** Dedupe id for a record that may lack a usable {@code ce_id}: stable across redeliveries. */
    public String inboxId() {
        String ceId = usable(headers.get(CloudEventHeaders.ID));
        return ceId != null ? ceId : position();
    }

    private String position() {
        return topic + "/" + partition + "/" + offset;
    }

    private static String usable(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH ? id : null;
    }
}

package io.skybridge.cli.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.cli.intent.KafkaHeaders;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.ContractJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.util.Map;

/** One record of a Skybridge topic, with its CloudEvents attributes read from the headers. */
public record EventRecord(String topic, int partition, long offset, long timestamp, String key,
                          Map<String, String> headers, JsonNode payload) {

    public static EventRecord of(ConsumerRecord<String, byte[]> r) {
        return new EventRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(),
                KafkaHeaders.toMap(r.headers()), parse(r.value()));
    }

    private static JsonNode parse(byte[] value) {
        if (value == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return ContractJson.mapper().readTree(value);
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(new String(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    public String id() {
        return headers.get(CloudEventHeaders.ID);
    }

    public String ceType() {
        return headers.getOrDefault(CloudEventHeaders.TYPE, "");
    }

    /** {@code io.skybridge.networking.NetworkLinkEstablished.v1} → {@code NetworkLinkEstablished}. */
    public String name() {
        String[] parts = ceType().split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : ceType();
    }

    /** {@code io.skybridge.networking.…} → {@code networking}. */
    public String domain() {
        String[] parts = ceType().split("\\.");
        return parts.length >= 3 ? parts[2] : "?";
    }

    public String correlationId() {
        return headers.getOrDefault(CloudEventHeaders.CORRELATION_ID, id());
    }

    public String time() {
        return headers.get(CloudEventHeaders.TIME);
    }

    public String text(String field) {
        JsonNode v = payload.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The JSON line printed by {@code watch --json}. */
    public ObjectNode toJson() {
        ObjectNode n = ContractJson.mapper().createObjectNode();
        n.put("topic", topic);
        n.put("partition", partition);
        n.put("offset", offset);
        n.put("key", key);
        n.put("type", name());
        n.set("headers", ContractJson.mapper().valueToTree(headers));
        n.set("payload", payload);
        return n;
    }
}

package io.skybridge.shared.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.ContractValidator;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.SkybridgeMessage;

import java.util.List;
import java.util.Optional;

/**
 * Turns a raw record into a typed message, or says precisely why it cannot: size limit, CloudEvents
 * envelope, catalogue type for this topic, JSON syntax, JSON Schema, then mapping onto the record.
 */
public final class InboundDecoder {
    private final int maxRecordBytes;

    public InboundDecoder(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    public Decoded decode(InboundRecord record) {
        String ceType = record.headers().get(CloudEventHeaders.TYPE);
        byte[] value = record.value();
        if (value != null && value.length > maxRecordBytes) {
            return reject(RejectionReason.RECORD_TOO_LARGE,
                    "record of " + value.length + " bytes exceeds the limit of " + maxRecordBytes, ceType);
        }
        String envelope = EnvelopeLimits.violation(record);
        if (envelope != null) {
            return reject(RejectionReason.INVALID_ENVELOPE, envelope, null);
        }
        EventMetadata metadata;
        try {
            metadata = EventMetadata.fromHeaders(record.headers());
        } catch (IllegalArgumentException e) {
            return reject(RejectionReason.INVALID_ENVELOPE, e.getMessage(), ceType);
        }
        Optional<MessageType> type = MessageCatalog.byCeType(metadata.type())
                .filter(t -> t.topic().equals(record.topic()));
        if (type.isEmpty()) {
            return reject(RejectionReason.UNKNOWN_TYPE,
                    "ce_type '" + metadata.type() + "' is not a message of topic " + record.topic(), ceType);
        }
        if (value == null || value.length == 0) {
            return reject(RejectionReason.MALFORMED_JSON, "empty value", ceType);
        }
        JsonNode json;
        try {
            json = ContractJson.mapper().readTree(value);
        } catch (Exception e) {
            return reject(RejectionReason.MALFORMED_JSON, "value is not JSON: " + firstLine(e.getMessage()), ceType);
        }
        List<String> violations = ContractValidator.validate(type.get(), json);
        if (!violations.isEmpty()) {
            return new Decoded.Rejected(RejectionReason.SCHEMA_VIOLATION,
                    violations.size() + " schema violation(s) for " + type.get().ceType() + ", first: " + violations.get(0),
                    violations, ceType);
        }
        SkybridgeMessage payload;
        try {
            payload = ContractJson.mapper().treeToValue(json, type.get().javaType());
        } catch (Exception e) {
            return reject(RejectionReason.UNDECODABLE, firstLine(e.getMessage()), ceType);
        }
        return new Decoded.Accepted(new InboundMessage<>(record.topic(), record.key(), metadata, type.get(), payload));
    }

    private static Decoded reject(RejectionReason reason, String detail, String ceType) {
        return new Decoded.Rejected(reason, detail, List.of(detail), ceType);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

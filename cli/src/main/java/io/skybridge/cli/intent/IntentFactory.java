package io.skybridge.cli.intent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.ContractValidator;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageKind;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.SkybridgeMessage;

import java.util.List;

/** Validates a payload against its contract schema and gives it its CloudEvents attributes. */
public final class IntentFactory {
    public static final String SOURCE = "/skybridge/cli";

    private IntentFactory() {
    }

    /**
     * @throws InvalidIntentException when the payload violates the schema (nothing must be sent then)
     */
    public static PreparedIntent prepare(MessageType type, ObjectNode payload, String principal) {
        if (type.kind() != MessageKind.INTENT) {
            throw new IllegalArgumentException(type.name() + " is an event, not an intent: only services publish it");
        }
        List<String> violations = ContractValidator.validate(type, payload);
        if (!violations.isEmpty()) {
            throw new InvalidIntentException(type.name(), violations);
        }
        String subject = aggregateId(type, payload);
        return new PreparedIntent(type, payload, EventMetadata.newIntent(type, subject, SOURCE, principal)
                .withTraceparent(TraceContext.newTraceparent()));
    }

    /** The Kafka key and ce_subject, exactly as the contract record defines it. */
    static String aggregateId(MessageType type, ObjectNode payload) {
        try {
            SkybridgeMessage message = ContractJson.mapper().treeToValue(payload, type.javaType());
            return message.aggregateId();
        } catch (JsonProcessingException e) {
            throw new InvalidIntentException(type.name(), List.of(e.getOriginalMessage()));
        }
    }
}

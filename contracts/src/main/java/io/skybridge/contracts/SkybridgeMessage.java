package io.skybridge.contracts;

/**
 * Every message record (intent or event) implements this. The aggregate id is the Kafka key and
 * the CloudEvents {@code subject}.
 */
public interface SkybridgeMessage {
    String aggregateId();
}

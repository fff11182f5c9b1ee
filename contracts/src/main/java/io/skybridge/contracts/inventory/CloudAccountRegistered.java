package io.skybridge.contracts.inventory;

import io.skybridge.contracts.SkybridgeMessage;

import java.util.List;

/** An account or project is known to inventory; {@code cloudAccountId} is {@code <cloud>:<accountId>}. */
public record CloudAccountRegistered(
        String cloudAccountId,
        String cloud,
        String accountId,
        String displayName,
        List<String> regions) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return cloudAccountId;
    }
}

package io.skybridge.contracts.inventory;

import io.skybridge.contracts.SkybridgeMessage;

import java.util.List;

/** Register an AWS account or a GCP project, and the regions Skybridge may use in it. */
public record CloudAccountRegistrationRequested(
        String cloud,
        String accountId,
        String displayName,
        List<String> regions) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return cloud + ":" + accountId;
    }
}

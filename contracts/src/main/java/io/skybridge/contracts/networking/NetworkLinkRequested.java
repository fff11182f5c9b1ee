package io.skybridge.contracts.networking;

import io.skybridge.contracts.SkybridgeMessage;

/**
 * Link an AWS VPC and a GCP VPC. {@code mode}: {@code HA} (four tunnels, 99.99% topology) or
 * {@code BASIC} (two tunnels).
 */
public record NetworkLinkRequested(
        String linkId,
        AwsVpcRef aws,
        GcpNetworkRef gcp,
        String mode) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return linkId;
    }
}

package io.skybridge.contracts.networking;

import io.skybridge.contracts.SkybridgeMessage;

import java.time.Instant;

/**
 * Enough tunnels of a link are up (all of them, or back above the threshold).
 *
 * @param linkId Link id.
 * @param mode Topology.
 * @param awsCidr AWS VPC CIDR.
 * @param gcpCidr GCP VPC CIDR.
 * @param awsAsn BGP ASN of the AWS side.
 * @param gcpAsn BGP ASN of the GCP side (Cloud Router).
 * @param tunnelsUp Tunnels up.
 * @param tunnelsTotal Tunnels of the link.
 * @param establishedAt RFC 3339 timestamp (UTC).
 */
public record NetworkLinkEstablished(
        String linkId,
        String mode,
        String awsCidr,
        String gcpCidr,
        long awsAsn,
        long gcpAsn,
        int tunnelsUp,
        int tunnelsTotal,
        Instant establishedAt) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return linkId;
    }
}

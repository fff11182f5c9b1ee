package io.skybridge.provisioning.service;

import io.skybridge.contracts.provisioning.NodeDecommissioned;
import io.skybridge.contracts.provisioning.NodeJoined;
import io.skybridge.contracts.provisioning.NodeProvisioned;
import io.skybridge.contracts.provisioning.NodeProvisioningFailed;
import io.skybridge.contracts.provisioning.NodeProvisioningStarted;
import io.skybridge.provisioning.domain.FailureReason;
import io.skybridge.provisioning.domain.NodeRequest;

import java.time.Instant;

/** The contract events of a node's story. */
final class NodeEvents {
    private NodeEvents() {
    }

    static NodeProvisioningStarted started(NodeRequest n) {
        return new NodeProvisioningStarted(n.id, n.poolId, n.intentId, n.cloud, n.region, n.zone, n.machineType, Instant.now());
    }

    static NodeProvisioned provisioned(NodeRequest n) {
        return new NodeProvisioned(n.id, n.poolId, n.cloud, n.region, n.zone, n.instanceId, n.machineType, n.privateIp,
                n.provisionedAt);
    }

    static NodeJoined joined(NodeRequest n) {
        return new NodeJoined(n.id, n.poolId, n.cloud, n.region, n.zone, n.instanceId, n.providerId, n.joinedAt);
    }

    static NodeProvisioningFailed failed(NodeRequest n, FailureReason reason, String message) {
        return new NodeProvisioningFailed(n.id, n.poolId, n.cloud, n.region, n.zone, n.machineType, reason.name(),
                truncate(message), Math.max(1, n.attempts), Instant.now());
    }

    static NodeDecommissioned decommissioned(NodeRequest n, boolean drained) {
        return new NodeDecommissioned(n.id, n.poolId, n.cloud, n.instanceId, drained, Instant.now());
    }

    static String truncate(String s) {
        return s == null ? null : s.length() > 1900 ? s.substring(0, 1900) : s;
    }
}

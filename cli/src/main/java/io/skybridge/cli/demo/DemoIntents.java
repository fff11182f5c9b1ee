package io.skybridge.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.contracts.ContractJson;

import java.util.List;

/** The payloads of the demo's intents, matching the emulator's seeded world. */
final class DemoIntents {
    static final String LINK_ID = "demo-link";
    static final String AWS_POOL = "aws-pool";
    static final String GCP_POOL = "gcp-pool";

    private DemoIntents() {
    }

    static ObjectNode link() {
        ObjectNode p = ContractJson.mapper().createObjectNode();
        p.put("linkId", LINK_ID).put("mode", "HA");
        p.putObject("aws").put("accountId", "123456789012").put("region", "us-east-1")
                .put("vpcId", "vpc-0a1b2c3d4e5f60001").put("cidr", "10.200.0.0/16");
        p.putObject("gcp").put("project", "skybridge-demo").put("region", "us-central1")
                .put("network", "skybridge-vpc").put("cidr", "10.201.0.0/16");
        return p;
    }

    static ObjectNode pool(String poolId, String cloud, String region, List<String> zones, String machineType, int desired) {
        ObjectNode p = ContractJson.mapper().createObjectNode();
        p.put("poolId", poolId).put("cloud", cloud).put("region", region);
        zones.forEach(p.putArray("zones")::add);
        p.put("machineType", machineType).put("min", 0).put("max", 6).put("desired", desired);
        return p;
    }

    static ObjectNode awsPool() {
        return pool(AWS_POOL, "aws", "us-east-1", List.of("us-east-1a", "us-east-1b"), "m5.large", 2);
    }

    static ObjectNode gcpPool() {
        return pool(GCP_POOL, "gcp", "us-central1", List.of("us-central1-a", "us-central1-b"), "e2-standard-2", 1);
    }

    static ObjectNode failback(String incidentId, long epoch) {
        return ContractJson.mapper().createObjectNode().put("incidentId", incidentId).put("epoch", epoch)
                .put("reason", "skybridge demo: AWS restored");
    }
}

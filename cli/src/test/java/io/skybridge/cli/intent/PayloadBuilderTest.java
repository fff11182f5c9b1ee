package io.skybridge.cli.intent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.contracts.ContractValidator;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadBuilderTest {
    private final PayloadBuilder pools = new PayloadBuilder(ContractValidator.schema(MessageCatalog.of(NodePoolScaleRequested.class)));
    private final PayloadBuilder links = new PayloadBuilder(ContractValidator.schema(MessageCatalog.of(NetworkLinkRequested.class)));

    @Test
    void valuesAreTypedByTheSchema() {
        ObjectNode p = pools.build(null, List.of("poolId=p1", "cloud=gcp", "zones=us-central1-a, us-central1-b",
                "desired=3", "min=0", "labels.team=web", "labels.tier=1"));
        assertTrue(p.get("zones").isArray());
        assertEquals("us-central1-b", p.get("zones").get(1).asText());
        assertTrue(p.get("desired").isInt());
        assertEquals(3, p.get("desired").asInt());
        assertTrue(p.get("labels").get("tier").isTextual(), "labels are strings even when they look like numbers");
    }

    @Test
    void numericLookingStringsStayStrings() {
        ObjectNode p = links.build(null, List.of("aws.accountId=123456789012", "aws.cidr=10.200.0.0/16"));
        assertTrue(p.get("aws").get("accountId").isTextual());
        assertEquals("123456789012", p.get("aws").get("accountId").asText());
    }

    @Test
    void indexedElementsAndJsonValues() {
        ObjectNode p = pools.build(null, List.of("zones[0]=us-east-1a", "zones[1]=us-east-1b",
                "taints=[{\"key\":\"k\",\"value\":\"v\",\"effect\":\"NoSchedule\"}]"));
        assertEquals(2, p.get("zones").size());
        assertEquals("NoSchedule", p.get("taints").get(0).get("effect").asText());
        assertThrows(IllegalArgumentException.class, () -> pools.build(null, List.of("zones[3]=x")));
    }

    @Test
    void fileThenSetsOverride(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("link.yaml");
        Files.writeString(yaml, """
                linkId: demo
                mode: HA
                aws: {accountId: "123456789012", region: us-east-1, vpcId: vpc-0a1b2c3d4e5f60001, cidr: 10.200.0.0/16}
                gcp: {project: skybridge-demo, region: us-central1, network: skybridge-vpc, cidr: 10.201.0.0/16}
                """);
        ObjectNode p = links.build(yaml, List.of("mode=BASIC"));
        assertEquals("BASIC", p.get("mode").asText());
        assertEquals("vpc-0a1b2c3d4e5f60001", p.get("aws").get("vpcId").asText());
        Path json = dir.resolve("bad.json");
        Files.writeString(json, "[1,2]");
        assertThrows(IllegalArgumentException.class, () -> links.build(json, List.of()));
    }
}

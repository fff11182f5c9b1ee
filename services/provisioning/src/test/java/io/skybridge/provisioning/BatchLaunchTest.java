package io.skybridge.provisioning;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import io.skybridge.testing.Postgres;
import io.skybridge.testing.SkybridgeWithClouds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The nodes of one scale-up that share a zone and a machine type are launched by ONE EC2 RunInstances
 * (MinCount = MaxCount, one ClientToken), each VM named by its launch index; a launch interrupted after the call
 * is resumed with the same request and gets the same VMs back.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class BatchLaunchTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ProvisioningClients clients;

    @BeforeAll
    static void openClients() throws Exception {
        clients = new ProvisioningClients();
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    @Test
    void shouldLaunchFourNodesOfOneZoneWithOneCallAndResumeItWithoutASecondVm() throws Exception {
        String poolId = "bat-" + UUID.randomUUID().toString().substring(0, 8);
        clients.bus.publish(new NodePoolScaleRequested(poolId, "aws", "us-east-1", List.of("us-east-1b"), "m5.large",
                List.of(), "ami-0abcdef1234567890", Map.of("team", "platform"), List.of(), 0, 20, 4), "user:erin");
        clients.awaitEvents(poolId, "NodeJoined", 4, WAIT);

        List<Instance> vms = clients.awsVms(poolId);
        assertEquals(4, vms.size());
        assertEquals(1, vms.stream().map(Instance::clientToken).distinct().count(), "one ClientToken");
        Set<String> nodeNames = clients.readyNodes(poolId).stream().map(n -> n.getMetadata().getName())
                .collect(Collectors.toSet());
        assertEquals(Set.of(poolId + "-0", poolId + "-1", poolId + "-2", poolId + "-3"), nodeNames,
                "each VM joined under its node's name");
        Map<String, String> byLaunchIndex = new HashMap<>();
        vms.forEach(i -> byLaunchIndex.put(poolId + "-" + i.amiLaunchIndex(), i.instanceId()));
        Map<String, String> recorded = instances(poolId);
        assertEquals(byLaunchIndex, recorded, "node i has the VM of launch index i");

        // as if the service died after RunInstances and before it recorded two of the VMs
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement("update provisioning.node_request "
                + "set phase = 'LAUNCHING', instance_id = null, provisioned_at = null, joined_at = null"
                + " where id in (?, ?)")) {
            ps.setString(1, poolId + "-1");
            ps.setString(2, poolId + "-2");
            assertEquals(2, ps.executeUpdate());
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!"JOINED".equals(phase(poolId + "-1")) || !"JOINED".equals(phase(poolId + "-2"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the interrupted batch was not resumed within " + WAIT);
            }
            Thread.sleep(100);
        }
        assertEquals(recorded, instances(poolId), "the ClientToken returned the same VMs");
        assertEquals(4, clients.awsVms(poolId).size(), "no VM launched twice");
    }

    private static Map<String, String> instances(String poolId) throws Exception {
        Map<String, String> found = new HashMap<>();
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement(
                "select id, instance_id from provisioning.node_request where pool_id = ?")) {
            ps.setString(1, poolId);
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                found.put(rs.getString(1), rs.getString(2));
            }
        }
        return found;
    }

    private static String phase(String nodeId) throws Exception {
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement(
                "select phase from provisioning.node_request where id = ?")) {
            ps.setString(1, nodeId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static Connection database() throws Exception {
        Postgres pg = Postgres.shared();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
    }
}

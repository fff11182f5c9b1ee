package io.skybridge.inventory;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.NetworkInterface;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.inventory.DriftDetected;
import io.skybridge.contracts.provisioning.NodeProvisioned;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.skybridge.inventory.InventoryTestSupport.WAIT;
import static io.skybridge.inventory.InventoryTestSupport.assertSchemaValid;
import static io.skybridge.inventory.InventoryTestSupport.await;
import static io.skybridge.inventory.InventoryTestSupport.get;
import static io.skybridge.inventory.InventoryTestSupport.inventoryEvent;
import static io.skybridge.testing.TestBus.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The periodic cloud sync (1 s in tests) through the real SDKs: VMs started directly in the emulator
 * are reported once as UNREQUESTED_VM, a VM provisioning announced is not, and a Node whose VM does
 * not exist is reported as NODE_WITHOUT_VM.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class DriftTest {
    private static TestBus bus;
    private static Ec2Client ec2;
    private static KubernetesClient kube;

    @BeforeAll
    static void connect() {
        bus = TestBus.onSharedBroker();
        ec2 = InventoryTestSupport.ec2("us-east-1");
        kube = InventoryTestSupport.kube();
    }

    @AfterAll
    static void close() {
        bus.close();
        ec2.close();
        kube.close();
    }

    private String runInstance() {
        return ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1)).instances().get(0).instanceId();
    }

    @Test
    void vmsNobodyAskedForAreReportedOnceAndRequestedOnesNot() throws Exception {
        String rogue = runInstance();
        String requested = runInstance();
        bus.publish(new NodeProvisioned("node-" + requested.substring(2), "general", "aws", "us-east-1", "us-east-1a",
                requested, "t3.micro", null, Instant.now()), "svc:provisioning");
        String gceName = "rogue-" + UUID.randomUUID().toString().substring(0, 8);
        try (InstancesClient gce = InstancesClient.create(InstancesSettings.newBuilder()
                .setEndpoint(SkybridgeWithClouds.emulator().gcpEndpoint())
                .setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            gce.insertAsync("skybridge-demo", "us-central1-b", Instance.newBuilder().setName(gceName)
                    .setMachineType("zones/us-central1-b/machineTypes/e2-small")
                    .addDisks(AttachedDisk.newBuilder().setBoot(true).setAutoDelete(true).setInitializeParams(
                            AttachedDiskInitializeParams.newBuilder().setSourceImage("projects/debian-cloud/global/images/family/debian-12")))
                    .addNetworkInterfaces(NetworkInterface.newBuilder().setSubnetwork("regions/us-central1/subnetworks/skybridge-nodes"))
                    .build()).get();
        }

        ConsumerRecord<String, byte[]> aws = bus.await(Topics.INVENTORY_EVENTS, inventoryEvent("DriftDetected", "aws:" + rogue), WAIT);
        assertSchemaValid(aws);
        DriftDetected drift = payload(aws, DriftDetected.class);
        assertEquals("UNREQUESTED_VM", drift.kind());
        assertEquals("us-east-1", drift.region());
        ConsumerRecord<String, byte[]> gcp = bus.await(Topics.INVENTORY_EVENTS,
                r -> "DriftDetected".equals(typeName(r)) && payload(r, DriftDetected.class).detail().contains(gceName), WAIT);
        assertEquals("us-central1", payload(gcp, DriftDetected.class).region());
        assertTrue(get("/drift").getList("instanceId").contains(rogue));

        Thread.sleep(2500); // more sync passes: still one report per finding, none for the requested VM
        assertEquals(1, bus.collect(Topics.INVENTORY_EVENTS, inventoryEvent("DriftDetected", "aws:" + rogue),
                Duration.ofMillis(500)).size());
        assertEquals(0, bus.collect(Topics.INVENTORY_EVENTS, inventoryEvent("DriftDetected", "aws:" + requested),
                Duration.ofMillis(500)).size());

        ec2.terminateInstances(r -> r.instanceIds(rogue));
        await("finding resolved once the VM is gone", WAIT, () -> !get("/drift").getList("instanceId").contains(rogue));
    }

    @Test
    void aNodeWhoseVmDoesNotExistIsReported() {
        String node = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        String instance = "i-0" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        kube.nodes().resource(new NodeBuilder().withNewMetadata().withName(node)
                .withLabels(Map.of("skybridge.io/cloud", "aws", "topology.kubernetes.io/region", "us-east-1",
                        "topology.kubernetes.io/zone", "us-east-1a"))
                .withAnnotations(Map.of("skybridge.io/instance-id", instance)).endMetadata()
                .withNewSpec().withProviderID("aws:///us-east-1a/" + instance).endSpec()
                .withNewStatus().withAllocatable(Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi")))
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
        try {
            ConsumerRecord<String, byte[]> record = bus.await(Topics.INVENTORY_EVENTS,
                    inventoryEvent("DriftDetected", "aws:" + node), WAIT);
            assertSchemaValid(record);
            DriftDetected drift = payload(record, DriftDetected.class);
            assertEquals("NODE_WITHOUT_VM", drift.kind());
            assertEquals(node, drift.nodeId());
            assertEquals(List.of(node), get("/drift").getList("findAll { it.kind == 'NODE_WITHOUT_VM' && it.nodeId == '"
                    + node + "' }.nodeId"));
        } finally {
            kube.nodes().withName(node).delete();
        }
        await("finding resolved once the node is gone", WAIT, () -> !get("/drift").getList("nodeId").contains(node));
    }

    private static String typeName(ConsumerRecord<String, byte[]> r) {
        String type = TestBus.header(r, "ce_type");
        return type == null ? "" : type.replace("io.skybridge.inventory.", "").replace(".v1", "");
    }
}

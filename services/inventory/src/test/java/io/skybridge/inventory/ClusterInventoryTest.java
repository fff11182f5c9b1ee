package io.skybridge.inventory;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.compute.v1.AccessConfig;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.NetworkInterface;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.inventory.CapacityChanged;
import io.skybridge.contracts.inventory.NodeObserved;
import io.skybridge.contracts.inventory.WorkloadObserved;
import io.skybridge.emulator.kube.JoinConfig;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The informer path against the emulator: one m5.large booted through the EC2 SDK and one
 * e2-standard-2 through the Compute Engine client, both with the join line, become Nodes; a managed
 * Deployment of 6 replicas that fits 3 per node reports 3/3; cordoning and a GCP blackout show up.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterInventoryTest {
    private static final String POOL = "inv-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String GCE_NAME = POOL + "-gcp-1";
    private static final String DEPLOYMENT = "spread-" + POOL;
    private static final String WORKLOAD_ID = "default/Deployment/" + DEPLOYMENT;
    private static final long GIB8 = 8L * 1024 * 1024 * 1024;
    private static TestBus bus;
    private static KubernetesClient kube;
    private static Ec2Client ec2;
    private static InstancesClient gce;
    private static String awsNode;

    @BeforeAll
    static void bootVms() throws Exception {
        bus = TestBus.onSharedBroker();
        kube = InventoryTestSupport.kube();
        ec2 = InventoryTestSupport.ec2("us-east-1");
        gce = InstancesClient.create(InstancesSettings.newBuilder()
                .setEndpoint(SkybridgeWithClouds.emulator().gcpEndpoint())
                .setCredentialsProvider(NoCredentialsProvider.create()).build());
        String join = "{\"apiServer\":\"" + SkybridgeWithClouds.emulator().kubeUrl() + "\",\"token\":\"t\",\"pool\":\"" + POOL + "\"}";
        String userData = "#!/bin/bash\n" + JoinConfig.line(join) + "\n";
        awsNode = ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").instanceType(InstanceType.M5_LARGE)
                        .minCount(1).maxCount(1)
                        .userData(Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8))))
                .instances().get(0).instanceId();
        gce.insertAsync("skybridge-demo", "us-central1-a", Instance.newBuilder().setName(GCE_NAME)
                .setMachineType("zones/us-central1-a/machineTypes/e2-standard-2")
                .addDisks(AttachedDisk.newBuilder().setBoot(true).setAutoDelete(true).setInitializeParams(
                        AttachedDiskInitializeParams.newBuilder().setSourceImage("projects/debian-cloud/global/images/family/debian-12")))
                .addNetworkInterfaces(NetworkInterface.newBuilder().setSubnetwork("regions/us-central1/subnetworks/skybridge-nodes")
                        .addAccessConfigs(AccessConfig.newBuilder().setName("External NAT").setType("ONE_TO_ONE_NAT")))
                .setMetadata(Metadata.newBuilder().addItems(Items.newBuilder().setKey("skybridge-join").setValue(join)))
                .build()).get();
    }

    @AfterAll
    static void close() {
        SkybridgeWithClouds.emulator().clearOutage(Cloud.GCP);
        kube.apps().deployments().inNamespace("default").withName(DEPLOYMENT).delete();
        bus.close();
        ec2.close();
        gce.close();
        kube.close();
    }

    private static JsonPath node(String id) {
        return get("/nodes/{id}", id);
    }

    @Test
    @Order(1)
    void nodesJoiningShowUpWithTheirCapacity() {
        await("both VMs are Ready nodes in the inventory", WAIT, () -> get("/nodes?ready=true")
                .getList("findAll { it.poolId == '" + POOL + "' }.nodeId").size() == 2);

        JsonPath aws = node(awsNode);
        assertEquals("aws", aws.getString("cloud"));
        assertEquals("us-east-1", aws.getString("region"));
        assertEquals("m5.large", aws.getString("machineType"));
        assertEquals(awsNode, aws.getString("instanceId"));
        assertEquals("READY", aws.getString("status"));
        assertEquals(2000L, aws.getLong("allocatable.cpuMillis"));
        assertEquals(GIB8, aws.getLong("allocatable.memoryBytes"));
        JsonPath gcp = node(GCE_NAME);
        assertEquals("gcp", gcp.getString("cloud"));
        assertEquals("us-central1", gcp.getString("region"));
        assertEquals("us-central1-a", gcp.getString("zone"));
        assertEquals("e2-standard-2", gcp.getString("machineType"));
        assertEquals(2000L, gcp.getLong("allocatable.cpuMillis"));

        JsonPath capacity = get("/clouds/{id}/capacity", "gcp");
        Map<String, Object> pool = capacity.getMap("pools.find { it.pool == '" + POOL + "' }.capacity");
        assertEquals(1, pool.get("readyNodes"));
        assertEquals(2000, ((Map<?, ?>) pool.get("allocatable")).get("cpuMillis"));
        assertTrue(get("/clouds").getList("find { it.id == 'gcp' }.regions").contains("us-central1"));

        ConsumerRecord<String, byte[]> observed = bus.await(Topics.INVENTORY_EVENTS,
                r -> inventoryEvent("NodeObserved", awsNode).test(r)
                        && payload(r, NodeObserved.class).allocatable().cpuMillis() == 2000, WAIT);
        assertSchemaValid(observed);
        assertEquals(POOL, payload(observed, NodeObserved.class).poolId());
        ConsumerRecord<String, byte[]> capacityChanged = bus.await(Topics.INVENTORY_EVENTS,
                r -> inventoryEvent("CapacityChanged", "gcp").test(r)
                        && payload(r, CapacityChanged.class).readyNodes() >= 1, WAIT);
        assertSchemaValid(capacityChanged);
    }

    @Test
    @Order(2)
    void deploymentOfSixReplicasSpreadOverBothCloudsReportsThreeAndThree() {
        kube.apps().deployments().inNamespace("default").resource(spread(6)).create();

        await("6 replicas placed 3/3", WAIT, () -> {
            List<Map<String, Object>> all = get("/placement").getList("findAll { it.workloadId == '" + WORKLOAD_ID + "' }");
            return all.size() == 1 && Map.of("aws", 3, "gcp", 3).equals(all.get(0).get("placement"));
        });
        JsonPath workload = get("/workloads?cloud=gcp");
        assertEquals(6, workload.getInt("find { it.workloadId == '" + WORKLOAD_ID + "' }.replicas"));
        assertEquals(600, workload.getInt("find { it.workloadId == '" + WORKLOAD_ID + "' }.perReplica.cpuMillis"));
        assertEquals(7, workload.getInt("find { it.workloadId == '" + WORKLOAD_ID + "' }.priority"));
        assertEquals("aws", workload.getString("find { it.workloadId == '" + WORKLOAD_ID + "' }.preferredCloud"));
        await("requests of the 3 replicas on each node", WAIT, () -> node(awsNode).getLong("requested.cpuMillis") == 1800
                && node(GCE_NAME).getLong("requested.cpuMillis") == 1800);

        ConsumerRecord<String, byte[]> observed = bus.await(Topics.INVENTORY_EVENTS,
                r -> inventoryEvent("WorkloadObserved", WORKLOAD_ID).test(r)
                        && Map.of("aws", 3, "gcp", 3).equals(payload(r, WorkloadObserved.class).placement()), WAIT);
        assertSchemaValid(observed);
        assertEquals(List.of("aws", "gcp"), payload(observed, WorkloadObserved.class).allowedClouds());
    }

    @Test
    @Order(3)
    void cordoningIsReflectedWithinASecond() {
        kube.nodes().withName(awsNode).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"unschedulable\":true}}");
        long millis = await("cordoned", Duration.ofSeconds(1), () -> node(awsNode).getBoolean("cordoned"));
        Map<String, Object> pool = get("/clouds/{id}/capacity", "aws")
                .getMap("pools.find { it.pool == '" + POOL + "' }.capacity");
        assertEquals(0, pool.get("schedulableNodes"), "a cordoned node offers no headroom");
        assertTrue(millis < 1000);

        kube.nodes().withName(awsNode).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"unschedulable\":false}}");
        await("uncordoned", Duration.ofSeconds(1), () -> !node(awsNode).getBoolean("cordoned"));
    }

    @Test
    @Order(4)
    void nodesOfACloudInOutageTurnUnknown() {
        Instant before = Instant.now();
        SkybridgeWithClouds.emulator().startOutage(Cloud.GCP, "us-central1",
                io.skybridge.emulator.control.OutageMode.UNAVAILABLE);
        try {
            await("GCP node Unknown", WAIT, () -> "UNKNOWN".equals(node(GCE_NAME).getString("status")));
            assertTrue(get("/nodes?cloud=gcp&ready=false").getList("nodeId").contains(GCE_NAME));
            assertFalse(get("/nodes?cloud=gcp&ready=true").getList("nodeId").contains(GCE_NAME));
            assertTrue(get("/nodes?cloud=aws&ready=true").getList("nodeId").contains(awsNode), "AWS is unaffected");
            bus.await(Topics.INVENTORY_EVENTS, r -> inventoryEvent("CapacityChanged", "gcp").test(r)
                    && payload(r, CapacityChanged.class).observedAt().isAfter(before), WAIT);
        } finally {
            SkybridgeWithClouds.emulator().clearOutage(Cloud.GCP);
        }
        await("GCP node Ready again", WAIT, () -> "READY".equals(node(GCE_NAME).getString("status")));
    }

    @Test
    @Order(5)
    void theQueriesAreDescribedInOpenApi() {
        Map<String, Object> paths = get("/q/openapi?format=json").getMap("paths");
        for (String path : List.of("/clouds", "/clouds/{id}/capacity", "/nodes", "/workloads", "/links", "/placement")) {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
        }
        assertEquals(404, io.restassured.RestAssured.given().get("/clouds/{id}/capacity", "azure").statusCode());
    }

    private static Deployment spread(int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(DEPLOYMENT).addToLabels("skybridge.io/managed", "true")
                .addToAnnotations("skybridge.io/allowed-clouds", "aws,gcp")
                .addToAnnotations("skybridge.io/preferred-cloud", "aws")
                .addToAnnotations("skybridge.io/priority", "7").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", DEPLOYMENT).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", DEPLOYMENT).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx")
                .withNewResources().addToRequests("cpu", new Quantity("600m")).addToRequests("memory", new Quantity("256Mi"))
                .endResources().endContainer()
                .withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("skybridge.io/node-pool").withOperator("In")
                .withValues(POOL).endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity()
                .endSpec().endTemplate().endSpec().build();
    }
}

package io.skybridge.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.compute.v1.InsertInstanceRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.ZoneOperationsClient;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.EmulatorConfig;
import io.skybridge.emulator.GceClients;
import io.skybridge.emulator.TestClients;
import io.skybridge.emulator.kube.JoinConfig;
import io.skybridge.emulator.world.Cloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.skybridge.emulator.GceClients.PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Capacity faults scoped to one zone, quota faults and VMs that never join, through the control API and the
 * real EC2 / Compute Engine / fabric8 clients.
 */
class FaultScopesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(15);
    static Emulator emu;
    static Ec2Client ec2;
    static InstancesClient gce;
    static ZoneOperationsClient ops;
    static KubernetesClient kube;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorConfig.forTests().seed(7L));
        ec2 = TestClients.ec2(emu);
        gce = GceClients.instances(emu);
        ops = GceClients.zoneOperations(emu);
        kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(emu.kubeUrl())
            .withRequestTimeout(10_000).withConnectionTimeout(5_000).withRequestRetryBackoffLimit(0).build()).build();
    }

    @AfterAll
    static void stop() {
        kube.close();
        ops.close();
        gce.close();
        ec2.close();
        emu.close();
    }

    @BeforeEach
    void reset() {
        assertEquals(200, control("POST", "/reset", null).status());
        await("no nodes left", () -> kube.nodes().list().getItems().isEmpty());
    }

    static TestClients.Reply control(String method, String path, String json) {
        return TestClients.http(method, emu.controlEndpoint() + path, json == null ? null : "application/json", json);
    }

    static RunInstancesRequest launchIn(String zone) {
        return RunInstancesRequest.builder().imageId("ami-0abcdef1234567890").instanceType(InstanceType.M5_LARGE)
            .placement(Placement.builder().availabilityZone(zone).build()).minCount(1).maxCount(1).build();
    }

    static Operation insert(String zone, Instance vm) {
        Operation op = gce.insertCallable().call(InsertInstanceRequest.newBuilder().setProject(PROJECT).setZone(zone)
            .setInstanceResource(vm).build());
        return ops.wait(PROJECT, zone, op.getName());
    }

    static Instance gceVm(String name, String zone) {
        Instance base = GceClients.vm(name, Map.of());
        return base.toBuilder().setMachineType("zones/" + zone + "/machineTypes/e2-standard-2").build();
    }

    @Test
    void shouldFailRunInstancesOnlyInTheZoneWithoutCapacity() throws Exception {
        TestClients.Reply set = control("POST", "/faults", "{\"cloud\":\"aws\",\"zone\":\"us-east-1a\",\"capacityRate\":1.0}");
        assertEquals(200, set.status(), set.body());
        for (int n = 0; n < 5; n++) {
            Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.runInstances(launchIn("us-east-1a")));
            assertEquals("InsufficientInstanceCapacity", e.awsErrorDetails().errorCode());
            assertEquals(500, e.statusCode());
            assertTrue(e.awsErrorDetails().errorMessage().contains("(us-east-1a)"), e.awsErrorDetails().errorMessage());
        }
        String b = ec2.runInstances(launchIn("us-east-1b")).instances().get(0).instanceId();
        String c = ec2.runInstances(launchIn("us-east-1c")).instances().get(0).instanceId();
        assertEquals(2, ec2.describeInstances().reservations().size(), "only the other zones launched: " + b + ", " + c);
        JsonNode faults = JSON.readTree(control("GET", "/faults", null).body());
        assertEquals(1.0, faults.path("aws").path("zones").path("us-east-1a").asDouble());
        assertEquals(0.0, faults.path("aws").path("capacityRate").asDouble(), "the cloud-wide rate is untouched");
        assertEquals(5, emu.events().stream().filter(ev -> ev.type().equals("fault.capacity")
            && "us-east-1a".equals(ev.details().get("zone"))).count());

        // a zone rate of 0 lifts it again
        assertEquals(200, control("POST", "/faults", "{\"cloud\":\"aws\",\"zone\":\"us-east-1a\",\"capacityRate\":0}").status());
        ec2.runInstances(launchIn("us-east-1a"));
        assertEquals(3, ec2.describeInstances().reservations().size());
        assertEquals(400, control("POST", "/faults", "{\"cloud\":\"aws\",\"zone\":\"us-east-1a\",\"throttleRate\":1.0}").status());
        assertEquals(400, control("POST", "/faults", "{\"cloud\":\"aws\",\"zone\":\"us-east-1a\",\"capacityRate\":2}").status());
    }

    @Test
    void shouldEndGceInsertsInTheExhaustedZoneWithZoneResourcePoolExhausted() {
        emu.setZoneCapacityFault(Cloud.GCP, "us-central1-a", 1.0);
        Operation failed = insert("us-central1-a", gceVm("no-room", "us-central1-a"));
        assertEquals(Operation.Status.DONE, failed.getStatus());
        assertTrue(failed.hasError());
        assertEquals("ZONE_RESOURCE_POOL_EXHAUSTED", failed.getError().getErrors(0).getCode());
        Operation ok = insert("us-central1-b", gceVm("room", "us-central1-b"));
        assertFalse(ok.hasError(), ok.toString());
        assertEquals("RUNNING", gce.get(PROJECT, "us-central1-b", "room").getStatus());
        assertThrows(com.google.api.gax.rpc.NotFoundException.class, () -> gce.get(PROJECT, "us-central1-a", "no-room"));
        // DELETE /control/faults/{cloud} clears the zone-scoped faults too
        assertEquals(200, control("DELETE", "/faults/gcp", null).status());
        assertFalse(insert("us-central1-a", gceVm("room-now", "us-central1-a")).hasError());
    }

    @Test
    void shouldAnswerEc2RunInstancesWithInstanceLimitExceededUnderAQuotaFault() {
        assertEquals(200, control("POST", "/faults", "{\"cloud\":\"aws\",\"quotaRate\":1.0}").status());
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.runInstances(launchIn("us-east-1b")));
        assertEquals("InstanceLimitExceeded", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertEquals(0, ec2.describeInstances().reservations().size());
        assertTrue(emu.events().stream().anyMatch(ev -> ev.type().equals("fault.quota")));
        emu.clearFaults(Cloud.AWS);
        assertEquals(1, ec2.runInstances(launchIn("us-east-1b")).instances().size());
    }

    @Test
    void shouldEndGceInsertOperationsWithQuotaExceededUnderAQuotaFault() throws Exception {
        assertEquals(200, control("POST", "/faults", "{\"cloud\":\"gcp\",\"quotaRate\":1.0}").status());
        Operation done = insert("us-central1-a", gceVm("over-quota", "us-central1-a"));
        assertEquals(Operation.Status.DONE, done.getStatus());
        assertTrue(done.hasError());
        assertEquals("QUOTA_EXCEEDED", done.getError().getErrors(0).getCode());
        assertEquals(403, done.getHttpErrorStatusCode());
        JsonNode faults = JSON.readTree(control("GET", "/faults", null).body());
        assertEquals(1.0, faults.path("gcp").path("quotaRate").asDouble());
        assertEquals(200, control("DELETE", "/faults/gcp", null).status());
        assertFalse(insert("us-central1-a", gceVm("in-quota", "us-central1-a")).hasError());
    }

    @Test
    void shouldKeepVmsLaunchedUnderTheNeverJoinSwitchOutOfTheCluster() throws Exception {
        String script = "#!/bin/bash\n" + JoinConfig.line(join("pool-a")) + "\n";
        String userData = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
        TestClients.Reply on = control("POST", "/faults", "{\"cloud\":\"aws\",\"neverJoin\":true}");
        assertEquals(200, on.status(), on.body());
        assertTrue(JSON.readTree(on.body()).path("neverJoin").asBoolean());
        String lonely = ec2.runInstances(launchIn("us-east-1a").toBuilder().userData(userData).build()).instances().get(0).instanceId();
        // the GCP switch is off: a GCP VM with a join configuration joins meanwhile
        insert("us-central1-a", gceVm("joins", "us-central1-a").toBuilder().setMetadata(Metadata.newBuilder()
            .addItems(Items.newBuilder().setKey("skybridge-join").setValue(join("pool-g")).build()).build()).build());
        await("GCP VM joined", () -> kube.nodes().withName("joins").get() != null);
        await("AWS VM running", () -> ec2.describeInstances(r -> r.instanceIds(lonely)).reservations().get(0).instances().get(0)
            .state().name() == InstanceStateName.RUNNING);
        assertEquals(200, control("POST", "/faults", "{\"cloud\":\"aws\",\"neverJoin\":false}").status());
        String joiner = ec2.runInstances(launchIn("us-east-1a").toBuilder().userData(userData).build()).instances().get(0).instanceId();
        await("the VM launched after the switch went off joined", () -> kube.nodes().withName(joiner).get() != null);
        Thread.sleep(300);
        assertNull(kube.nodes().withName(lonely).get(), "the VM launched under the switch never joins");
        List<Node> nodes = kube.nodes().list().getItems();
        assertEquals(2, nodes.size(), nodes.toString());
    }

    @Test
    void shouldKeepVmsTaggedOrLabelledNeverJoinOutOfTheCluster() throws Exception {
        String script = "#!/bin/bash\n" + JoinConfig.line(join("pool-t")) + "\n";
        String tagged = ec2.runInstances(launchIn("us-east-1b").toBuilder()
            .userData(Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)))
            .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                .tags(Tag.builder().key("skybridge:never-join").value("true").build()).build()).build())
            .instances().get(0).instanceId();
        insert("us-central1-b", gceVm("labelled", "us-central1-b").toBuilder().putLabels("skybridge-never-join", "true")
            .setMetadata(Metadata.newBuilder().addItems(Items.newBuilder().setKey("skybridge-join").setValue(join("pool-l")).build()).build())
            .build());
        insert("us-central1-b", gceVm("plain", "us-central1-b").toBuilder()
            .setMetadata(Metadata.newBuilder().addItems(Items.newBuilder().setKey("skybridge-join").setValue(join("pool-l")).build()).build())
            .build());
        await("the unlabelled VM joined", () -> kube.nodes().withName("plain").get() != null);
        await("the tagged VM runs", () -> ec2.describeInstances(r -> r.instanceIds(tagged)).reservations().get(0).instances().get(0)
            .state().name() == InstanceStateName.RUNNING);
        assertEquals("RUNNING", gce.get(PROJECT, "us-central1-b", "labelled").getStatus());
        Thread.sleep(300);
        assertNull(kube.nodes().withName(tagged).get());
        assertNull(kube.nodes().withName("labelled").get());
        assertEquals(1, kube.nodes().list().getItems().size());
    }

    static String join(String pool) {
        return "{\"apiServer\":\"" + emu.kubeUrl() + "\",\"token\":\"abc.def\",\"pool\":\"" + pool + "\"}";
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("not within " + WAIT + ": " + what);
    }
}

package io.skybridge.emulator.kube;

import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.EmulatorConfig;
import io.skybridge.emulator.GceClients;
import io.skybridge.emulator.TestClients;
import io.skybridge.emulator.world.Cloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.skybridge.emulator.kube.KubeFixtures.await;
import static io.skybridge.emulator.kube.KubeFixtures.nodeReady;
import static io.skybridge.emulator.kube.KubeFixtures.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * VMs booted through the real EC2 and Compute Engine SDKs against part 1 join the cluster; an AWS blackout
 * turns the AWS nodes Unknown while the GCP node stays Ready; terminating a VM removes its node. The cluster is
 * the one {@link Emulator#start} runs (random port with {@link EmulatorConfig#forTests()}).
 */
class KubeOnEmulatedCloudsTest {
    static Emulator emu;
    static KubeCluster kube;
    static KubernetesClient client;
    static Ec2Client ec2;
    static InstancesClient gce;
    static final Duration WAIT = Duration.ofSeconds(15);

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorConfig.forTests());
        kube = emu.kube();
        client = KubeFixtures.client(emu.kubeUrl());
        ec2 = TestClients.ec2(emu);
        gce = GceClients.instances(emu);
    }

    @AfterAll
    static void stop() {
        gce.close();
        ec2.close();
        client.close();
        emu.close();
    }

    @AfterEach
    void reset() {
        client.apps().deployments().inNamespace("default").delete();
        client.pods().inNamespace("default").withGracePeriod(0).delete();
        emu.reset();
        await("VMs gone, nodes gone", WAIT, () -> client.nodes().list().getItems().isEmpty()
            && client.pods().inNamespace("default").list().getItems().isEmpty());
    }

    @Test
    void failoverMovesADeploymentOffADarkCloudLeavingTheOldPodsTerminatingUntilForceDeleted() throws Exception {
        String script = "#!/bin/bash\n" + JoinConfig.line(join("aws-general")) + "\n";
        String awsId = ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").instanceType(InstanceType.M5_LARGE).minCount(1).maxCount(1)
            .userData(Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)))).instances().get(0).instanceId();
        gce.insertAsync(GceClients.PROJECT, GceClients.ZONE, GceClients.vm("standby-1", Map.of()).toBuilder()
            .setMetadata(Metadata.newBuilder().addItems(Items.newBuilder().setKey("skybridge-join").setValue(join("gcp-general")).build()).build())
            .build()).get();
        await("both nodes Ready", WAIT, () -> client.nodes().list().getItems().stream().filter(n -> "True".equals(nodeReady(n))).count() == 2);
        client.apps().deployments().inNamespace("default").resource(KubeControlPlaneTest.web(2, "aws")).create();
        await("2 pods ready on AWS", WAIT, () -> webPods().size() == 2
            && webPods().stream().allMatch(p -> ready(p) && awsId.equals(p.getSpec().getNodeName())));
        List<String> oldPods = webPods().stream().map(p -> p.getMetadata().getName()).toList();

        emu.startOutage(Cloud.AWS);
        await("AWS node Unknown", WAIT, () -> "Unknown".equals(nodeReady(client.nodes().withName(awsId).get())));
        client.apps().deployments().inNamespace("default").withName("web").patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"spec\":{\"template\":{\"spec\":{\"affinity\":{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":"
                + "{\"nodeSelectorTerms\":[{\"matchExpressions\":[{\"key\":\"skybridge.io/cloud\",\"operator\":\"In\",\"values\":[\"gcp\"]}]}]}}}}}}}");
        await("2 new pods ready on GCP", WAIT, () -> webPods().stream().filter(p -> ready(p) && "standby-1".equals(p.getSpec().getNodeName())).count() == 2);
        await("deployment reports the new pods", WAIT, () -> {
            var st = client.apps().deployments().inNamespace("default").withName("web").get().getStatus();
            return Integer.valueOf(2).equals(st.getReadyReplicas()) && Integer.valueOf(2).equals(st.getUpdatedReplicas());
        });
        for (String name : oldPods) {
            Pod old = client.pods().inNamespace("default").withName(name).get();
            assertNotNull(old, "the dark kubelet never confirms the deletion");
            assertNotNull(old.getMetadata().getDeletionTimestamp());
            assertEquals("Running", old.getStatus().getPhase());
            client.pods().inNamespace("default").withName(name).withGracePeriod(0).delete();
        }
        await("old pods gone", WAIT, () -> oldPods.stream().allMatch(n -> client.pods().inNamespace("default").withName(n).get() == null));
    }

    static List<Pod> webPods() {
        return client.pods().inNamespace("default").withLabel("app", "web").list().getItems().stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    static String join(String pool) {
        return "{\"apiServer\":\"" + kube.url() + "\",\"token\":\"abc.def\",\"pool\":\"" + pool + "\",\"labels\":{\"skybridge.io/role\":\"worker\"}}";
    }

    @Test
    void oneRunInstancesForSeveralNodesNamesEachByItsLaunchIndexAndItsTokenNeverLaunchesTwice() {
        String join = "{\"apiServer\":\"" + kube.url() + "\",\"token\":\"abc.def\",\"pool\":\"batch\","
            + "\"nodeNames\":[\"batch-0\",\"batch-1\",\"batch-2\"]}";
        String userData = Base64.getEncoder().encodeToString(("#!/bin/bash\n" + JoinConfig.line(join) + "\n")
            .getBytes(StandardCharsets.UTF_8));
        java.util.function.Supplier<RunInstancesResponse> launch = () -> ec2.runInstances(r -> r
            .imageId("ami-0abcdef1234567890").instanceType(InstanceType.M5_LARGE).minCount(3).maxCount(3)
            .clientToken("sb-batch-token-1").userData(userData));
        RunInstancesResponse first = launch.get();
        RunInstancesResponse again = launch.get(); // a redelivered launch: same token, same parameters

        assertEquals(3, first.instances().size());
        assertEquals(first.reservationId(), again.reservationId());
        assertEquals(first.instances().stream().map(i -> i.instanceId()).toList(),
            again.instances().stream().map(i -> i.instanceId()).toList());
        assertEquals(3, ec2.describeInstances().reservations().stream().mapToLong(r -> r.instances().size()).sum(),
            "no VM launched twice");
        for (var i : first.instances()) {
            String name = "batch-" + i.amiLaunchIndex();
            await(name + " joined", WAIT, () -> client.nodes().withName(name).get() != null);
            assertEquals("aws:///" + i.placement().availabilityZone() + "/" + i.instanceId(),
                client.nodes().withName(name).get().getSpec().getProviderID());
        }
    }

    @Test
    void vmsJoinAsNodesAndAwsBlackoutTurnsOnlyAwsNodesUnknown() throws Exception {
        Map<String, Node> joined = new ConcurrentHashMap<>();
        SharedIndexInformer<Node> informer = client.nodes().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node n) {
                joined.put(n.getMetadata().getName(), n);
            }

            @Override
            public void onUpdate(Node o, Node n) {
            }

            @Override
            public void onDelete(Node n, boolean unknown) {
                joined.remove(n.getMetadata().getName());
            }
        });
        String script = "#!/bin/bash\nset -e\n" + JoinConfig.line(join("aws-general")) + "\n/opt/skybridge/join.sh\n";
        RunInstancesResponse run = ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").instanceType(InstanceType.M5_LARGE)
            .minCount(2).maxCount(2).userData(Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8))));
        List<String> awsIds = run.instances().stream().map(i -> i.instanceId()).toList();
        ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1));
        Instance vm = GceClients.vm("gke-like-1", Map.of("pool", "gcp-general")).toBuilder()
            .setMetadata(Metadata.newBuilder().addItems(Items.newBuilder().setKey("startup-script")
                .setValue("#!/bin/bash\n" + JoinConfig.line(join("gcp-general")) + "\n").build()).build()).build();
        gce.insertAsync(GceClients.PROJECT, GceClients.ZONE, vm).get();
        try {
            assertTrue(emu.kubePort() > 0 && emu.kubePort() != 6443, "forTests() picks a random Kubernetes port");
            await("3 nodes joined (the VM without join configuration does not)", WAIT, () -> joined.size() == 3);
            sleepMs(200);
            assertEquals(3, client.nodes().list().getItems().size());

            Node a = client.nodes().withName(awsIds.get(0)).get();
            assertNotNull(a, "AWS node named after its instance id");
            Map<String, String> l = a.getMetadata().getLabels();
            assertEquals("aws", l.get("skybridge.io/cloud"));
            assertEquals("us-east-1", l.get("topology.kubernetes.io/region"));
            assertTrue(l.get("topology.kubernetes.io/zone").startsWith("us-east-1"));
            assertEquals("m5.large", l.get("node.kubernetes.io/instance-type"));
            assertEquals("aws-general", l.get("skybridge.io/node-pool"));
            assertEquals("worker", l.get("skybridge.io/role"));
            assertEquals("aws:///" + l.get("topology.kubernetes.io/zone") + "/" + awsIds.get(0), a.getSpec().getProviderID());
            assertEquals("2", a.getStatus().getAllocatable().get("cpu").toString());
            assertEquals(8L * 1024 * 1024 * 1024, a.getStatus().getAllocatable().get("memory").getNumericalAmount().longValue());
            assertEquals("True", nodeReady(a));

            Node g = client.nodes().withName("gke-like-1").get();
            assertEquals("gcp", g.getMetadata().getLabels().get("skybridge.io/cloud"));
            assertEquals("us-central1", g.getMetadata().getLabels().get("topology.kubernetes.io/region"));
            assertEquals("e2-standard-2", g.getMetadata().getLabels().get("node.kubernetes.io/instance-type"));
            assertEquals("gce://" + GceClients.PROJECT + "/" + GceClients.ZONE + "/gke-like-1", g.getSpec().getProviderID());
            assertNotNull(client.leases().inNamespace("kube-node-lease").withName("gke-like-1").get());

            client.pods().inNamespace("default").resource(new PodBuilder(KubeFixtures.pod("on-aws", Map.of())).editSpec()
                .addToNodeSelector("skybridge.io/cloud", "aws").endSpec().build()).create();
            await("on-aws running", WAIT, () -> ready(client.pods().inNamespace("default").withName("on-aws").get()));

            emu.startOutage(Cloud.AWS);
            await("AWS nodes Unknown", WAIT, () -> awsIds.stream().allMatch(id -> "Unknown".equals(nodeReady(client.nodes().withName(id).get()))));
            Node dark = client.nodes().withName(awsIds.get(1)).get();
            assertTrue(dark.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && "NodeStatusUnknown".equals(c.getReason())));
            assertTrue(dark.getSpec().getTaints().stream().anyMatch(t -> t.getKey().equals("node.kubernetes.io/unreachable")));
            sleepMs(3 * KubeConfig.fast().nodeMonitorGracePeriod.toMillis());
            assertEquals("True", nodeReady(client.nodes().withName("gke-like-1").get()), "GCP keeps heartbeating");
            Pod stranded = client.pods().inNamespace("default").withName("on-aws").get();
            assertEquals("Running", stranded.getStatus().getPhase(), "pods on a dark node stay as they are");
            client.pods().inNamespace("default").withName("on-aws").delete();
            sleepMs(200);
            assertNotNull(client.pods().inNamespace("default").withName("on-aws").get().getMetadata().getDeletionTimestamp());
            client.pods().inNamespace("default").withName("on-aws").withGracePeriod(0).delete();
            await("force-deleted", WAIT, () -> client.pods().inNamespace("default").withName("on-aws").get() == null);

            emu.clearOutage(Cloud.AWS);
            await("AWS nodes Ready again", WAIT, () -> awsIds.stream().allMatch(id -> "True".equals(nodeReady(client.nodes().withName(id).get()))));
            assertTrue(client.nodes().withName(awsIds.get(0)).get().getSpec().getTaints() == null
                || client.nodes().withName(awsIds.get(0)).get().getSpec().getTaints().isEmpty());

            ec2.terminateInstances(r -> r.instanceIds(awsIds.get(0)));
            await("terminated VM's node removed", WAIT, () -> client.nodes().withName(awsIds.get(0)).get() == null && !joined.containsKey(awsIds.get(0)));
            gce.deleteAsync(GceClients.PROJECT, GceClients.ZONE, "gke-like-1").get();
            await("deleted GCE VM's node removed", WAIT, () -> client.nodes().withName("gke-like-1").get() == null);
            assertEquals(List.of(awsIds.get(1)), KubeApiTest.names(client.nodes().list().getItems()));
        } finally {
            informer.close();
        }
    }

    static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

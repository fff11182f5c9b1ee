package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.EmulatorConfig;
import io.skybridge.emulator.GceClients;
import io.skybridge.emulator.TestClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.skybridge.emulator.kube.KubeFixtures.await;
import static io.skybridge.emulator.kube.KubeFixtures.nodeReady;
import static io.skybridge.emulator.kube.KubeFixtures.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The user's path to Kubernetes' own behaviour during a blackout: the whole emulator, VMs booted through the real
 * EC2 and Compute Engine SDKs, the UPSTREAM node lifecycle switched on and the clock fast-forwarded through the
 * control API, workloads through fabric8. Pods leave the dark cloud only after the grace period and the 300 s
 * default toleration, as kube-controller-manager would move them.
 */
class KubernetesAloneOnEmulatorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(20);
    static Emulator emu;
    static KubernetesClient client;
    static Ec2Client ec2;
    static InstancesClient gce;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorConfig.forTests());
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

    static TestClients.Reply control(String method, String path, String json) {
        return TestClients.http(method, emu.controlEndpoint() + path, json == null ? null : "application/json", json);
    }

    /** Moves the emulator's clock forward {@code seconds} in 10 s steps, letting the control plane run after each. */
    static void fastForward(int seconds) throws InterruptedException {
        for (int s = 0; s < seconds; s += 10) {
            assertEquals(200, control("POST", "/clock/advance", "{\"millis\":10000}").status());
            Thread.sleep(60);
        }
    }

    static String join(String pool) {
        return "{\"apiServer\":\"" + emu.kubeUrl() + "\",\"token\":\"abc.def\",\"pool\":\"" + pool + "\"}";
    }

    static List<Pod> livePods() {
        return client.pods().inNamespace("default").withLabel("app", "shop").list().getItems().stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    @Test
    void shouldMoveWorkloadsOffADarkCloudOnlyAfterTheGracePeriodAndTheDefaultToleration() throws Exception {
        TestClients.Reply bad = control("PUT", "/kube/node-lifecycle", "{\"mode\":\"karmada\"}");
        assertEquals(400, bad.status(), bad.body());
        TestClients.Reply set = control("PUT", "/kube/node-lifecycle", "{\"mode\":\"upstream\"}");
        assertEquals(200, set.status(), set.body());
        JsonNode settings = JSON.readTree(set.body());
        assertEquals("upstream", settings.path("mode").asText());
        assertEquals(50.0, settings.path("nodeMonitorGracePeriodSeconds").asDouble());
        assertEquals(0.1, settings.path("nodeEvictionRate").asDouble());
        assertEquals(300, settings.path("defaultUnreachableTolerationSeconds").asLong());

        String script = "#!/bin/bash\n" + JoinConfig.line(join("aws-general")) + "\n";
        String awsId = ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").instanceType(InstanceType.M5_LARGE).minCount(1).maxCount(1)
            .userData(Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)))).instances().get(0).instanceId();
        gce.insertAsync(GceClients.PROJECT, GceClients.ZONE, GceClients.vm("standby-1", Map.of()).toBuilder()
            .setMetadata(Metadata.newBuilder().addItems(Items.newBuilder().setKey("skybridge-join").setValue(join("gcp-general")).build()).build())
            .build()).get();
        await("both nodes Ready", WAIT, () -> client.nodes().list().getItems().stream().filter(n -> "True".equals(nodeReady(n))).count() == 2);
        client.nodes().withName("standby-1").edit(n -> { n.getSpec().setUnschedulable(true); return n; });
        client.apps().deployments().inNamespace("default").resource(new DeploymentBuilder().withNewMetadata().withName("shop").endMetadata()
            .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "shop").endSelector()
            .withNewTemplate().withNewMetadata().addToLabels("app", "shop").endMetadata()
            .withNewSpec().addNewContainer().withName("shop").withImage("nginx")
            .withNewResources().addToRequests("cpu", new Quantity("250m")).endResources().endContainer().endSpec()
            .endTemplate().endSpec().build()).create();
        await("2 pods Ready on AWS", WAIT, () -> livePods().size() == 2 && livePods().stream().allMatch(p -> ready(p) && awsId.equals(p.getSpec().getNodeName())));
        assertTrue(livePods().get(0).getSpec().getTolerations().stream().anyMatch(t -> "node.kubernetes.io/unreachable".equals(t.getKey())
            && Long.valueOf(300).equals(t.getTolerationSeconds())), "DefaultTolerationSeconds");
        client.nodes().withName("standby-1").edit(n -> { n.getSpec().setUnschedulable(false); return n; });

        assertEquals(201, control("POST", "/outages", "{\"cloud\":\"aws\"}").status());
        fastForward(330);
        assertEquals("Unknown", nodeReady(client.nodes().withName(awsId).get()));
        assertTrue(client.nodes().withName(awsId).get().getSpec().getTaints().stream().anyMatch(t -> "NoExecute".equals(t.getEffect())));
        assertTrue(livePods().stream().allMatch(p -> awsId.equals(p.getSpec().getNodeName())),
            "330 s after the blackout the pods are still tolerated on the dark node");
        fastForward(70);
        await("2 pods Ready on GCP", WAIT, () -> livePods().size() == 2
            && livePods().stream().allMatch(p -> ready(p) && "standby-1".equals(p.getSpec().getNodeName())));

        assertEquals(200, control("PUT", "/kube/node-lifecycle", "{\"mode\":\"simple\"}").status());
    }
}

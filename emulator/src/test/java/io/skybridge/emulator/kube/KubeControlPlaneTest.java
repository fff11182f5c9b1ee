package io.skybridge.emulator.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.skybridge.emulator.kube.KubeFixtures.await;
import static io.skybridge.emulator.kube.KubeFixtures.node;
import static io.skybridge.emulator.kube.KubeFixtures.pod;
import static io.skybridge.emulator.kube.KubeFixtures.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Controllers and scheduler, observed through the fabric8 client. */
class KubeControlPlaneTest {
    static KubeCluster cluster;
    static KubernetesClient client;
    static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeAll
    static void start() {
        cluster = KubeCluster.start(null, "127.0.0.1", 0, VmSource.NONE, KubeConfig.fast());
        client = KubeFixtures.client(cluster.url());
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    @BeforeEach
    void nodes() {
        client.nodes().resource(node("aws-1", "aws", "2", "4Gi")).create();
        client.nodes().resource(node("aws-2", "aws", "2", "4Gi")).create();
        client.nodes().resource(node("gcp-1", "gcp", "2", "4Gi")).create();
        client.nodes().resource(node("gcp-2", "gcp", "2", "4Gi")).create();
    }

    @AfterEach
    void clean() {
        client.apps().deployments().inNamespace("default").delete();
        client.apps().statefulSets().inNamespace("default").delete();
        client.pods().inNamespace("default").withGracePeriod(0).delete();
        client.nodes().delete();
        await("clean", WAIT, () -> client.pods().inAnyNamespace().list().getItems().isEmpty());
    }

    static Deployment web(int replicas, String cloud) {
        return new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
            .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "web").endSelector()
            .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
            .withNewSpec().addNewContainer().withName("web").withImage("nginx")
            .withNewResources().addToRequests("cpu", new Quantity("250m")).addToRequests("memory", new Quantity("256Mi")).endResources()
            .endContainer()
            .withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
            .addNewNodeSelectorTerm().addNewMatchExpression().withKey("skybridge.io/cloud").withOperator("In").withValues(cloud).endMatchExpression()
            .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity()
            .endSpec().endTemplate().endSpec().build();
    }

    List<Pod> webPods() {
        return client.pods().inNamespace("default").withLabel("app", "web").list().getItems().stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    @Test
    void deploymentPodsRunOnNodesMatchingAffinityAndMoveWhenAffinityIsPatched() {
        client.apps().deployments().inNamespace("default").resource(web(3, "aws")).create();
        await("3 ready replicas", WAIT, () -> {
            Deployment d = client.apps().deployments().inNamespace("default").withName("web").get();
            return d.getStatus() != null && Integer.valueOf(3).equals(d.getStatus().getReadyReplicas())
                && Integer.valueOf(3).equals(d.getStatus().getAvailableReplicas());
        });
        assertTrue(webPods().stream().allMatch(p -> p.getSpec().getNodeName().startsWith("aws-")), "pods on AWS nodes");
        client.apps().deployments().inNamespace("default").withName("web").patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"template\":{\"spec\":{\"affinity\":{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":"
                + "{\"nodeSelectorTerms\":[{\"matchExpressions\":[{\"key\":\"skybridge.io/cloud\",\"operator\":\"In\",\"values\":[\"gcp\"]}]}]}}}}}}}");
        await("all pods moved to GCP", WAIT, () -> {
            List<Pod> pods = webPods();
            return pods.size() == 3 && pods.stream().allMatch(p -> ready(p) && p.getSpec().getNodeName().startsWith("gcp-"))
                && client.pods().inNamespace("default").withLabel("app", "web").list().getItems().size() == 3;
        });
        await("status caught up", WAIT, () -> {
            Deployment d = client.apps().deployments().inNamespace("default").withName("web").get();
            return Integer.valueOf(3).equals(d.getStatus().getUpdatedReplicas()) && Integer.valueOf(3).equals(d.getStatus().getReadyReplicas())
                && d.getStatus().getObservedGeneration() == 2L;
        });
    }

    @Test
    void scalingADeploymentCreatesAndDeletesPods() {
        client.apps().deployments().inNamespace("default").resource(web(2, "gcp")).create();
        await("2 pods", WAIT, () -> webPods().size() == 2);
        client.apps().deployments().inNamespace("default").withName("web").scale(5);
        await("5 pods", WAIT, () -> webPods().size() == 5 && webPods().stream().allMatch(KubeFixtures::ready));
        client.apps().deployments().inNamespace("default").withName("web").scale(1);
        await("1 pod", WAIT, () -> client.pods().inNamespace("default").withLabel("app", "web").list().getItems().size() == 1);
    }

    @Test
    void leavesPodsPendingWithAReasonWhenNothingFits() {
        Pod big = new PodBuilder(pod("big", Map.of())).editSpec().editFirstContainer().withNewResources()
            .addToRequests("cpu", new Quantity("3")).endResources().endContainer().endSpec().build();
        client.pods().inNamespace("default").resource(big).create();
        await("unschedulable", WAIT, () -> scheduled(client.pods().inNamespace("default").withName("big").get()) != null
            && "Unschedulable".equals(scheduled(client.pods().inNamespace("default").withName("big").get()).getReason()));
        Pod p = client.pods().inNamespace("default").withName("big").get();
        assertEquals("Pending", p.getStatus().getPhase());
        assertNull(p.getSpec().getNodeName());
        assertTrue(scheduled(p).getMessage().contains("4 Insufficient cpu"), scheduled(p).getMessage());
        assertTrue(client.v1().events().inNamespace("default").list().getItems().stream()
            .anyMatch(e -> "FailedScheduling".equals(e.getReason()) && "big".equals(e.getInvolvedObject().getName())));
        client.nodes().resource(node("big-node", "gcp", "8", "32Gi")).create();
        await("lands on the new node", WAIT, () -> "big-node".equals(client.pods().inNamespace("default").withName("big").get().getSpec().getNodeName()));
    }

    @Test
    void respectsTaintsTolerationsNodeSelectorsAndNotInAffinity() {
        for (String n : List.of("aws-1", "aws-2", "gcp-1")) {
            client.nodes().withName(n).edit(x -> new NodeBuilder(x).editSpec().addNewTaint().withKey("dedicated").withValue("db")
                .withEffect("NoSchedule").endTaint().endSpec().build());
        }
        client.pods().inNamespace("default").resource(pod("plain", Map.of())).create();
        Pod tolerant = new PodBuilder(pod("tolerant", Map.of())).editSpec().addNewToleration().withKey("dedicated").withOperator("Equal")
            .withValue("db").withEffect("NoSchedule").endToleration().addToNodeSelector("skybridge.io/cloud", "aws").endSpec().build();
        client.pods().inNamespace("default").resource(tolerant).create();
        Pod notAws = new PodBuilder(pod("not-aws", Map.of())).editSpec().withNewAffinity().withNewNodeAffinity()
            .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchExpression()
            .withKey("skybridge.io/cloud").withOperator("NotIn").withValues("aws").endMatchExpression().endNodeSelectorTerm()
            .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity()
            .addNewToleration().withOperator("Exists").endToleration().endSpec().build();
        client.pods().inNamespace("default").resource(notAws).create();
        await("all bound", WAIT, () -> client.pods().inNamespace("default").list().getItems().stream().allMatch(p -> p.getSpec().getNodeName() != null));
        assertEquals("gcp-2", client.pods().inNamespace("default").withName("plain").get().getSpec().getNodeName());
        assertTrue(client.pods().inNamespace("default").withName("tolerant").get().getSpec().getNodeName().startsWith("aws-"));
        assertTrue(client.pods().inNamespace("default").withName("not-aws").get().getSpec().getNodeName().startsWith("gcp-"));
        client.pods().inNamespace("default").resource(new PodBuilder(pod("nowhere", Map.of())).editSpec()
            .addToNodeSelector("skybridge.io/cloud", "azure").endSpec().build()).create();
        await("nowhere unschedulable", WAIT, () -> {
            PodCondition c = scheduled(client.pods().inNamespace("default").withName("nowhere").get());
            return c != null && c.getMessage() != null && c.getMessage().contains("4 node(s) didn't match Pod's node affinity/selector");
        });
    }

    @Test
    void statefulSetsCreateOrdinalPodsInOrderAndReportReadiness() {
        client.apps().statefulSets().inNamespace("default").resource(new StatefulSetBuilder().withNewMetadata().withName("db").endMetadata()
            .withNewSpec().withReplicas(3).withServiceName("db").withNewSelector().addToMatchLabels("app", "db").endSelector()
            .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata().withNewSpec().addNewContainer().withName("db")
            .withImage("postgres").endContainer().endSpec().endTemplate().endSpec().build()).create();
        await("3 ready", WAIT, () -> {
            var s = client.apps().statefulSets().inNamespace("default").withName("db").get().getStatus();
            return s != null && Integer.valueOf(3).equals(s.getReadyReplicas());
        });
        assertEquals(List.of("db-0", "db-1", "db-2"), KubeApiTest.names(client.pods().inNamespace("default").withLabel("app", "db").list().getItems()));
        client.pods().inNamespace("default").withName("db-1").withGracePeriod(0).delete();
        await("db-1 recreated", WAIT, () -> ready(client.pods().inNamespace("default").withName("db-1").get()));
    }

    static PodCondition scheduled(Pod p) {
        if (p == null || p.getStatus() == null) {
            return null;
        }
        return p.getStatus().getConditions().stream().filter(c -> c.getType().equals("PodScheduled")).findFirst().orElse(null);
    }

    static Node get(String n) {
        return client.nodes().withName(n).get();
    }
}

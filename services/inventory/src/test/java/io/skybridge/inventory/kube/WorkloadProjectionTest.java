package io.skybridge.inventory.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.skybridge.inventory.domain.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class WorkloadProjectionTest {

    private static Pod pod(String name, String node, String phase, String ownerKind, String ownerName) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("shop")
                .addNewOwnerReference().withKind(ownerKind).withName(ownerName).endOwnerReference().endMetadata()
                .withNewSpec().withNodeName(node).endSpec().withNewStatus().withPhase(phase).endStatus().build();
    }

    @Test
    void countsRunningReplicasPerCloudAndReadsThePolicy() {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("shop")
                .addToAnnotations(WorkloadProjection.ALLOWED_CLOUDS, "gcp, aws ,azure")
                .addToAnnotations(WorkloadProjection.PRIORITY, "not-a-number").endMetadata()
                .withNewSpec().withReplicas(4).withNewTemplate().withNewSpec().addNewContainer().withName("a")
                .withNewResources().addToRequests("cpu", new Quantity("250m")).addToRequests("memory", new Quantity("1Gi"))
                .endResources().endContainer().addNewContainer().withName("b").withNewResources()
                .addToRequests("cpu", new Quantity("1")).endResources().endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReadyReplicas(3).endStatus().build();
        List<Pod> pods = List.of(pod("p1", "n-aws", "Running", "Deployment", "web"),
                pod("p2", "n-gcp", "Running", "Deployment", "web"),
                pod("p3", "n-gcp", "Pending", "Deployment", "web"),
                pod("p4", "n-gcp", "Failed", "Deployment", "web"),
                pod("p5", null, "Pending", "Deployment", "web"));
        Workload w = WorkloadProjection.of(d, pods, node -> node.equals("n-aws") ? "aws" : "gcp");
        assertEquals("shop/Deployment/web", w.id);
        assertEquals(4, w.replicas);
        assertEquals(3, w.readyReplicas);
        assertEquals(1250, w.cpuPerReplica);
        assertEquals(1024L * 1024 * 1024, w.memoryPerReplica);
        assertEquals(0, w.priority);
        assertEquals("aws,gcp", w.allowedClouds);
        assertNull(w.preferredCloud);
        assertEquals("{\"aws\":1,\"gcp\":2}", w.placement);
    }

    @Test
    void findsTheOwningWorkload() {
        assertEquals("shop/Deployment/web", WorkloadProjection.ownerOf(pod("p", "n", "Running", "ReplicaSet", "web-7d9f8c")));
        assertEquals("shop/StatefulSet/db", WorkloadProjection.ownerOf(pod("p", "n", "Running", "StatefulSet", "db")));
        assertNull(WorkloadProjection.ownerOf(pod("p", "n", "Running", "Node", "n")));
    }
}

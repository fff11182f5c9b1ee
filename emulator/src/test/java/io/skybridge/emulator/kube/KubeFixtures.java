package io.skybridge.emulator.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Shared helpers of the Kubernetes emulation tests. */
final class KubeFixtures {
    private KubeFixtures() {
    }

    static KubernetesClient client(String url) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(url).withRequestTimeout(10_000)
            .withConnectionTimeout(5_000).withRequestRetryBackoffLimit(0).build()).build();
    }

    /** A Ready node with allocatable CPU/memory, as an API client (no simulated kubelet) would register it. */
    static Node node(String name, String cloud, String cpu, String memory) {
        return new NodeBuilder().withNewMetadata().withName(name)
            .withLabels(Map.of("skybridge.io/cloud", cloud, "kubernetes.io/hostname", name)).endMetadata()
            .withNewSpec().endSpec()
            .withNewStatus().withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity("110")))
            .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
            .endStatus().build();
    }

    static Pod pod(String name, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
            .withNewSpec().addNewContainer().withName("app").withImage("nginx").endContainer().endSpec().build();
    }

    static void await(String what, Duration timeout, BooleanSupplier cond) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        fail("timed out after " + timeout + " waiting for: " + what);
    }

    static boolean ready(Pod p) {
        return p != null && p.getStatus() != null && p.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    static String nodeReady(Node n) {
        return n.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).map(c -> c.getStatus()).findFirst().orElse("");
    }
}

package io.skybridge.failover.support;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** Managed workloads in one namespace of the emulator's cluster, and where their Ready pods run. */
public final class Estate {
    private final KubernetesClient kube;
    private final String namespace;

    public Estate(KubernetesClient kube, String namespace) {
        this.kube = kube;
        this.namespace = namespace;
        if (kube.namespaces().withName(namespace).get() == null) {
            kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                    .create();
        }
    }

    /** A managed Deployment; {@code pinnedCloud} null = no node selector (the scheduler spreads it). */
    public void deployment(String name, int replicas, String pinnedCloud, int priority, String cpu, String memory) {
        var template = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(Map.of("skybridge.io/managed", "true"))
                .withAnnotations(Map.of("skybridge.io/priority", String.valueOf(priority))).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().withNodeSelector(pinnedCloud == null ? null : Map.of("skybridge.io/cloud", pinnedCloud))
                .addNewContainer().withName("app").withImage("nginx").withNewResources()
                .withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory))).endResources().endContainer()
                .endSpec().endTemplate().endSpec().build();
        kube.apps().deployments().resource(template).create();
    }

    /** Ready pods of {@code app} per cloud. */
    public Map<String, Integer> readyByCloud(String app) {
        Map<String, String> cloudOfNode = kube.nodes().list().getItems().stream().collect(Collectors.toMap(
                n -> n.getMetadata().getName(), n -> n.getMetadata().getLabels().getOrDefault("skybridge.io/cloud", "")));
        Map<String, Integer> ready = new HashMap<>();
        for (Pod p : kube.pods().inNamespace(namespace).withLabel("app", app).list().getItems()) {
            boolean isReady = p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
                    && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            if (isReady && p.getSpec().getNodeName() != null) {
                ready.merge(cloudOfNode.getOrDefault(p.getSpec().getNodeName(), "gone"), 1, Integer::sum);
            }
        }
        return ready;
    }

    /** Every pod of {@code app}, Ready or not, per cloud of its node ("pending" when unbound). */
    public Map<String, Integer> podsByCloud(String app) {
        Map<String, String> cloudOfNode = kube.nodes().list().getItems().stream().collect(Collectors.toMap(
                n -> n.getMetadata().getName(), n -> n.getMetadata().getLabels().getOrDefault("skybridge.io/cloud", "")));
        Map<String, Integer> pods = new HashMap<>();
        for (Pod p : kube.pods().inNamespace(namespace).withLabel("app", app).list().getItems()) {
            String where = p.getSpec().getNodeName() == null ? "pending" : cloudOfNode.getOrDefault(p.getSpec().getNodeName(), "gone");
            pods.merge(where, 1, Integer::sum);
        }
        return pods;
    }

    public List<Node> readyNodesOfPool(String pool) {
        return kube.nodes().withLabel("skybridge.io/node-pool", pool).list().getItems().stream()
                .filter(n -> n.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .toList();
    }

    public void delete() {
        kube.apps().deployments().inNamespace(namespace).delete();
    }

    public static void await(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + timeoutMillis + " ms: " + what);
            }
            Thread.sleep(200);
        }
    }
}

package io.skybridge.cli.demo;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The demo's view of the Kubernetes cluster (fabric8): deploy workloads, read where their pods run. */
public final class Cluster implements AutoCloseable {
    public static final String CLOUD_LABEL = "skybridge.io/cloud";
    private final KubernetesClient kube;

    public Cluster(String apiServerUrl) {
        this.kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(apiServerUrl)
                .withTrustCerts(true).withRequestTimeout(15_000).withConnectionTimeout(5_000).build()).build();
    }

    public void deploy(List<DemoWorkload> workloads) {
        if (kube.namespaces().withName(DemoWorkload.NAMESPACE).get() == null) {
            kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(DemoWorkload.NAMESPACE)
                    .endMetadata().build()).create();
        }
        for (DemoWorkload w : workloads) {
            kube.apps().deployments().resource(w.toDeployment()).createOr(existing -> existing.update());
        }
    }

    /** Per workload: Ready pods per cloud (pods on no node count as {@code pending}). */
    public Map<String, Map<String, Integer>> placement(List<DemoWorkload> workloads) {
        Map<String, String> cloudOfNode = kube.nodes().list().getItems().stream().collect(Collectors.toMap(
                n -> n.getMetadata().getName(), n -> n.getMetadata().getLabels().getOrDefault(CLOUD_LABEL, "?")));
        Map<String, Map<String, Integer>> placement = new TreeMap<>();
        for (DemoWorkload w : workloads) {
            Map<String, Integer> perCloud = new TreeMap<>();
            for (Pod p : kube.pods().inNamespace(DemoWorkload.NAMESPACE).withLabel("app", w.name()).list().getItems()) {
                if (p.getMetadata().getDeletionTimestamp() != null) {
                    continue;
                }
                String node = p.getSpec().getNodeName();
                String where = node == null ? "pending" : cloudOfNode.getOrDefault(node, "gone");
                if (node != null && !ready(p)) {
                    where = where + "(not ready)";
                }
                perCloud.merge(where, 1, Integer::sum);
            }
            placement.put(w.name(), perCloud);
        }
        return placement;
    }

    /** True when every workload has all its replicas Ready and only in {@code cloud} ({@code null}: its preferred cloud). */
    public boolean allReadyIn(List<DemoWorkload> workloads, String cloud) {
        Map<String, Map<String, Integer>> placement = placement(workloads);
        return workloads.stream().allMatch(w -> placement.get(w.name())
                .equals(Map.of(cloud == null ? w.cloud() : cloud, w.replicas())));
    }

    /** Ready nodes per cloud. */
    public Map<String, Integer> readyNodes() {
        Map<String, Integer> perCloud = new TreeMap<>();
        for (Node n : kube.nodes().list().getItems()) {
            boolean ready = n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions()
                    .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            if (ready) {
                perCloud.merge(n.getMetadata().getLabels().getOrDefault(CLOUD_LABEL, "?"), 1, Integer::sum);
            }
        }
        return perCloud;
    }

    private static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public void close() {
        kube.close();
    }
}

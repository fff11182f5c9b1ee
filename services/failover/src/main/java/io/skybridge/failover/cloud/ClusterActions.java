package io.skybridge.failover.cloud;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the failover saga does to the cluster, each action safe to repeat: cordon and taint a cloud's
 * nodes, make a workload avoid a cloud, force-delete its pods left on unreachable nodes, count its
 * Ready replicas per cloud.
 */
@ApplicationScoped
public class ClusterActions {
    public static final String OUTAGE_TAINT = "skybridge.io/outage";

    @Inject
    KubernetesClient kubernetes;

    /** @return the names of the nodes cordoned and tainted */
    public List<String> cordonAndTaint(String cloud, String incidentId) {
        List<String> done = new ArrayList<>();
        kubernetes.nodes().withLabel(ClusterSnapshot.CLOUD, cloud).list().getItems().forEach(n ->
                kubernetes.nodes().withName(n.getMetadata().getName()).edit(node -> {
                    node.getSpec().setUnschedulable(true);
                    List<Taint> taints = node.getSpec().getTaints() == null ? new ArrayList<>()
                            : new ArrayList<>(node.getSpec().getTaints());
                    if (taints.stream().noneMatch(t -> OUTAGE_TAINT.equals(t.getKey()))) {
                        taints.add(new TaintBuilder().withKey(OUTAGE_TAINT)
                                .withValue(io.skybridge.shared.domain.Names.fit(incidentId)).withEffect("NoSchedule").build());
                    }
                    node.getSpec().setTaints(taints);
                    done.add(node.getMetadata().getName());
                    return node;
                }));
        return done;
    }

    /**
     * Makes the workload avoid {@code cloud}: drops a node selector pinning it there and requires
     * {@code skybridge.io/cloud NotIn [cloud]}; then force-deletes its pods on that cloud's nodes (their
     * kubelets are unreachable: nothing else will ever delete them).
     *
     * @return pods force-deleted
     */
    public int moveOff(String workloadId, String cloud, int podsPerSecond) {
        String[] parts = workloadId.split("/");
        String ns = parts[0];
        String kind = parts[1];
        String name = parts[2];
        Map<String, String> selector;
        if ("StatefulSet".equals(kind)) {
            var s = kubernetes.apps().statefulSets().inNamespace(ns).withName(name).edit(w -> {
                OriginalPlacement.remember(w.getMetadata(), w.getSpec().getTemplate(), cloud);
                avoid(w.getSpec().getTemplate(), cloud);
                return w;
            });
            selector = s.getSpec().getSelector().getMatchLabels();
        } else {
            var d = kubernetes.apps().deployments().inNamespace(ns).withName(name).edit(w -> {
                OriginalPlacement.remember(w.getMetadata(), w.getSpec().getTemplate(), cloud);
                avoid(w.getSpec().getTemplate(), cloud);
                return w;
            });
            selector = d.getSpec().getSelector().getMatchLabels();
        }
        Map<String, String> cloudOfNode = cloudOfNodes();
        int deleted = 0;
        long pause = 1000L / Math.max(1, podsPerSecond);
        for (Pod p : kubernetes.pods().inNamespace(ns).withLabels(selector).list().getItems()) {
            String node = p.getSpec().getNodeName();
            if (node != null && cloud.equals(cloudOfNode.get(node))) {
                kubernetes.pods().inNamespace(ns).withName(p.getMetadata().getName()).withGracePeriod(0).delete();
                deleted++;
                sleep(pause);
            }
        }
        return deleted;
    }

    /** Ready replicas of the workload per cloud, and the replicas it wants. */
    public record Readiness(int desired, Map<String, Integer> readyByCloud) {
    }

    public Readiness readiness(String workloadId) {
        String[] parts = workloadId.split("/");
        String ns = parts[0];
        Map<String, String> selector;
        int desired;
        if ("StatefulSet".equals(parts[1])) {
            var s = kubernetes.apps().statefulSets().inNamespace(ns).withName(parts[2]).get();
            selector = s.getSpec().getSelector().getMatchLabels();
            desired = s.getSpec().getReplicas();
        } else {
            var d = kubernetes.apps().deployments().inNamespace(ns).withName(parts[2]).get();
            selector = d.getSpec().getSelector().getMatchLabels();
            desired = d.getSpec().getReplicas();
        }
        Map<String, String> cloudOfNode = cloudOfNodes();
        Map<String, Integer> ready = new HashMap<>();
        for (Pod p : kubernetes.pods().inNamespace(ns).withLabels(selector).list().getItems()) {
            boolean isReady = p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
                    && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            String cloud = p.getSpec().getNodeName() == null ? null : cloudOfNode.get(p.getSpec().getNodeName());
            if (isReady && cloud != null) {
                ready.merge(cloud, 1, Integer::sum);
            }
        }
        return new Readiness(desired, ready);
    }

    private Map<String, String> cloudOfNodes() {
        Map<String, String> m = new HashMap<>();
        kubernetes.nodes().list().getItems().forEach(n -> m.put(n.getMetadata().getName(),
                n.getMetadata().getLabels() == null ? null : n.getMetadata().getLabels().get(ClusterSnapshot.CLOUD)));
        return m;
    }

    private static void avoid(PodTemplateSpec template, String cloud) {
        var spec = template.getSpec();
        if (spec.getNodeSelector() != null && cloud.equals(spec.getNodeSelector().get(ClusterSnapshot.CLOUD))) {
            Map<String, String> selector = new HashMap<>(spec.getNodeSelector());
            selector.remove(ClusterSnapshot.CLOUD);
            spec.setNodeSelector(selector);
        }
        var term = new NodeSelectorTermBuilder().addToMatchExpressions(new NodeSelectorRequirementBuilder()
                .withKey(ClusterSnapshot.CLOUD).withOperator("NotIn").withValues(cloud).build()).build();
        if (spec.getAffinity() == null) {
            spec.setAffinity(new io.fabric8.kubernetes.api.model.Affinity());
        }
        if (spec.getAffinity().getNodeAffinity() == null) {
            spec.getAffinity().setNodeAffinity(new io.fabric8.kubernetes.api.model.NodeAffinity());
        }
        spec.getAffinity().getNodeAffinity().setRequiredDuringSchedulingIgnoredDuringExecution(
                new io.fabric8.kubernetes.api.model.NodeSelector(List.of(term)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

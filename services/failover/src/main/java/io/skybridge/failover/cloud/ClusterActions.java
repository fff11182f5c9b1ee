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

    @Inject
    ClusterCache cache;

    /** @return the names of the nodes cordoned and tainted (8 edits at a time: a cloud of 100 nodes is not 100 round trips in a row) */
    public List<String> cordonAndTaint(String cloud, String incidentId) {
        List<String> names = kubernetes.nodes().withLabel(ClusterSnapshot.CLOUD, cloud).list().getItems().stream()
                .map(n -> n.getMetadata().getName()).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, Math.min(8, names.size())));
        try {
            List<java.util.concurrent.Future<?>> edits = new ArrayList<>();
            for (String name : names) {
                edits.add(pool.submit(() -> kubernetes.nodes().withName(name).edit(node -> {
                    node.getSpec().setUnschedulable(true);
                    List<Taint> taints = node.getSpec().getTaints() == null ? new ArrayList<>()
                            : new ArrayList<>(node.getSpec().getTaints());
                    if (taints.stream().noneMatch(t -> OUTAGE_TAINT.equals(t.getKey()))) {
                        taints.add(new TaintBuilder().withKey(OUTAGE_TAINT)
                                .withValue(io.skybridge.shared.domain.Names.fit(incidentId)).withEffect("NoSchedule").build());
                    }
                    node.getSpec().setTaints(taints);
                    return node;
                })));
            }
            for (java.util.concurrent.Future<?> f : edits) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cordoning " + cloud, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        return names;
    }

    /** What a move did: the replicas the workload wants, its pod selector and the pods force-deleted. */
    public record Moved(String namespace, Map<String, String> selector, int desired, int forceDeleted) {
    }

    /**
     * Makes the workload avoid {@code cloud}: drops a node selector pinning it there and requires
     * {@code skybridge.io/cloud NotIn [cloud]}; then force-deletes its pods on that cloud's nodes (their
     * kubelets are unreachable: nothing else will ever delete them), each deletion paced by {@code pacer}
     * (shared by the moves running in parallel). Pods and nodes come from {@link ClusterCache}: one edit
     * plus one delete per pod, whatever the size of the cluster.
     */
    public Moved moveOff(String workloadId, String cloud, DeletionPacer pacer) {
        String[] parts = workloadId.split("/");
        String ns = parts[0];
        String kind = parts[1];
        String name = parts[2];
        Map<String, String> selector;
        int desired;
        if ("StatefulSet".equals(kind)) {
            var s = kubernetes.apps().statefulSets().inNamespace(ns).withName(name).edit(w -> {
                OriginalPlacement.remember(w.getMetadata(), w.getSpec().getTemplate(), cloud);
                avoid(w.getSpec().getTemplate(), cloud);
                return w;
            });
            selector = s.getSpec().getSelector().getMatchLabels();
            desired = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
        } else {
            var d = kubernetes.apps().deployments().inNamespace(ns).withName(name).edit(w -> {
                OriginalPlacement.remember(w.getMetadata(), w.getSpec().getTemplate(), cloud);
                avoid(w.getSpec().getTemplate(), cloud);
                return w;
            });
            selector = d.getSpec().getSelector().getMatchLabels();
            desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        }
        Map<String, String> cloudOfNode = cache.cloudOfNodes();
        int deleted = 0;
        for (Pod p : cache.pods(ns, selector)) {
            String node = p.getSpec().getNodeName();
            if (node != null && cloud.equals(cloudOfNode.get(node))) {
                pacer.acquire();
                kubernetes.pods().inNamespace(ns).withName(p.getMetadata().getName()).withGracePeriod(0).delete();
                deleted++;
            }
        }
        return new Moved(ns, selector, desired, deleted);
    }

    /** Ready replicas of a moved workload per cloud, from the watch caches (no API call); {@code cloudOfNode} from them too. */
    public Map<String, Integer> readyByCloud(Moved moved, Map<String, String> cloudOfNode) {
        return cache.readyByCloud(moved.namespace(), moved.selector(), cloudOfNode);
    }

    /** The workload's namespace, pod selector and desired replicas (for a run resumed after its moves). */
    public Moved describe(String workloadId) {
        String[] parts = workloadId.split("/");
        if ("StatefulSet".equals(parts[1])) {
            var s = kubernetes.apps().statefulSets().inNamespace(parts[0]).withName(parts[2]).get();
            return s == null ? null : new Moved(parts[0], s.getSpec().getSelector().getMatchLabels(), s.getSpec().getReplicas(), 0);
        }
        var d = kubernetes.apps().deployments().inNamespace(parts[0]).withName(parts[2]).get();
        return d == null ? null : new Moved(parts[0], d.getSpec().getSelector().getMatchLabels(), d.getSpec().getReplicas(), 0);
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
}

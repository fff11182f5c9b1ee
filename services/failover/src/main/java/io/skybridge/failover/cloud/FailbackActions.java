package io.skybridge.failover.cloud;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * What failback does to the cluster, each action safe to repeat: lift the cordon and the outage taint an
 * incident put on a cloud's nodes, restore a workload's recorded placement (its controller then rolls the pods
 * back, keeping the replicas available), tell when that rollout is done.
 */
@ApplicationScoped
public class FailbackActions {

    @Inject
    KubernetesClient kubernetes;

    /** @return the nodes uncordoned (only those the incident cordoned: its taint names it) */
    public List<String> uncordon(String cloud, String incidentId) {
        List<String> done = new ArrayList<>();
        kubernetes.nodes().withLabel(ClusterSnapshot.CLOUD, cloud).list().getItems().stream()
                .filter(n -> n.getSpec().getTaints() != null && n.getSpec().getTaints().stream()
                        .anyMatch(t -> ClusterActions.OUTAGE_TAINT.equals(t.getKey()) && io.skybridge.shared.domain.Names.fit(incidentId).equals(t.getValue())))
                .forEach(n -> kubernetes.nodes().withName(n.getMetadata().getName()).edit(node -> {
                    List<Taint> taints = new ArrayList<>(node.getSpec().getTaints());
                    taints.removeIf(t -> ClusterActions.OUTAGE_TAINT.equals(t.getKey()));
                    node.getSpec().setTaints(taints);
                    node.getSpec().setUnschedulable(false);
                    done.add(node.getMetadata().getName());
                    return node;
                }));
        return done;
    }

    /** Restores the recorded placement. @return false when the workload is gone or was never moved */
    public boolean restore(String workloadId) {
        String[] p = workloadId.split("/");
        boolean[] restored = {false};
        if ("StatefulSet".equals(p[1])) {
            if (kubernetes.apps().statefulSets().inNamespace(p[0]).withName(p[2]).get() == null) {
                return false;
            }
            kubernetes.apps().statefulSets().inNamespace(p[0]).withName(p[2]).edit(w -> {
                restored[0] = OriginalPlacement.restore(w.getMetadata(), w.getSpec().getTemplate());
                return w;
            });
        } else {
            if (kubernetes.apps().deployments().inNamespace(p[0]).withName(p[2]).get() == null) {
                return false;
            }
            kubernetes.apps().deployments().inNamespace(p[0]).withName(p[2]).edit(w -> {
                restored[0] = OriginalPlacement.restore(w.getMetadata(), w.getSpec().getTemplate());
                return w;
            });
        }
        return restored[0];
    }

    /** The workload's controller has rolled out its current template and every replica is Ready. */
    public boolean rolledOut(String workloadId) {
        String[] p = workloadId.split("/");
        if ("StatefulSet".equals(p[1])) {
            var s = kubernetes.apps().statefulSets().inNamespace(p[0]).withName(p[2]).get();
            if (s == null) {
                return true;
            }
            var st = s.getStatus();
            int want = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
            return st != null && st.getObservedGeneration() != null
                    && st.getObservedGeneration() >= s.getMetadata().getGeneration()
                    && n(st.getUpdatedReplicas()) == want && n(st.getReadyReplicas()) >= want && n(st.getReplicas()) == want;
        }
        var d = kubernetes.apps().deployments().inNamespace(p[0]).withName(p[2]).get();
        if (d == null) {
            return true;
        }
        var st = d.getStatus();
        int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return st != null && st.getObservedGeneration() != null
                && st.getObservedGeneration() >= d.getMetadata().getGeneration()
                && n(st.getUpdatedReplicas()) == want && n(st.getReadyReplicas()) >= want && n(st.getReplicas()) == want;
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }
}

package io.skybridge.failover.cloud;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts, per cloud (label {@code skybridge.io/cloud}), the nodes whose Ready condition is not True. */
@ApplicationScoped
public class NodeHeartbeats {

    public record CloudNodes(int total, int notReady) {
    }

    @Inject
    KubernetesClient kubernetes;

    public Map<String, CloudNodes> byCloud() {
        Map<String, int[]> counts = new HashMap<>();
        List<Node> nodes = kubernetes.nodes().withLabel("skybridge.io/cloud").list().getItems();
        for (Node n : nodes) {
            String cloud = n.getMetadata().getLabels().get("skybridge.io/cloud");
            boolean ready = n.getStatus() != null && n.getStatus().getConditions() != null
                    && n.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            int[] c = counts.computeIfAbsent(cloud, k -> new int[2]);
            c[0]++;
            if (!ready) {
                c[1]++;
            }
        }
        Map<String, CloudNodes> result = new HashMap<>();
        counts.forEach((cloud, c) -> result.put(cloud, new CloudNodes(c[0], c[1])));
        return result;
    }
}

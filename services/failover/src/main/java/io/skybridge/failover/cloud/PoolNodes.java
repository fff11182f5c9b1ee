package io.skybridge.failover.cloud;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The nodes of one node pool (label {@code skybridge.io/node-pool}), as the cluster sees them. */
@ApplicationScoped
public class PoolNodes {
    public static final String POOL = "skybridge.io/node-pool";

    @Inject
    KubernetesClient kubernetes;

    public record Count(int total, int ready) {
    }

    public Count count(String poolId) {
        List<Node> nodes = kubernetes.nodes().withLabel(POOL, poolId).list().getItems();
        int ready = (int) nodes.stream().filter(PoolNodes::isReady).count();
        return new Count(nodes.size(), ready);
    }

    static boolean isReady(Node n) {
        return n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                && !Boolean.TRUE.equals(n.getSpec().getUnschedulable());
    }
}

package io.skybridge.provisioning.service;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.skybridge.provisioning.cloud.CloudCallException;
import io.skybridge.provisioning.cloud.Clouds;
import io.skybridge.provisioning.config.ProvisioningConfig;
import io.skybridge.provisioning.domain.NodePhase;
import io.skybridge.provisioning.domain.NodeRequest;
import io.skybridge.provisioning.repository.NodeStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/**
 * Decommissions a node: cordon, evict its pods through the eviction API (which honours disruption
 * budgets; a refused eviction is retried until the drain timeout), terminate its VM, report
 * {@code NodeDecommissioned}.
 */
@ApplicationScoped
public class NodeDrainer {
    private static final Logger LOG = Logger.getLogger(NodeDrainer.class);

    @Inject
    KubernetesClient kube;

    @Inject
    Clouds clouds;

    @Inject
    NodeStore store;

    @Inject
    ProvisioningConfig config;

    void decommission(NodeRequest n) {
        boolean drained = n.drained;
        if (n.drain && !drained) {
            drained = drain(n.id);
            if (drained) { // remembered: a resumed decommission finds the Node gone and must not report "not drained"
                NodeRequest marked = store.transition(n.id, EnumSet.of(NodePhase.DECOMMISSIONING), x -> {
                    x.drained = true;
                    return List.of();
                });
                if (marked == null) {
                    return; // no longer decommissioning
                }
            }
        }
        if (n.instanceId != null) {
            try {
                clouds.of(n.cloud).terminate(n.region, n.zone, n.id, n.instanceId);
            } catch (CloudCallException e) {
                LOG.warnf("node %s: terminate failed (%s), will retry: %s", n.id, e.reason(), e.getMessage());
                return;
            }
        }
        try {
            kube.nodes().withName(n.id).delete();
        } catch (KubernetesClientException e) {
            LOG.debugf("node %s: Node object not deleted: %s", n.id, e.getMessage());
        }
        boolean wasDrained = drained;
        NodeRequest done = store.transition(n.id, EnumSet.of(NodePhase.DECOMMISSIONING), x -> {
            x.phase = NodePhase.DECOMMISSIONED;
            x.finishedAt = Instant.now();
            return List.of(NodeEvents.decommissioned(x, wasDrained));
        });
        if (done != null) {
            LOG.infof("node %s decommissioned (drained=%s)", n.id, wasDrained);
        }
    }

    /** @return true when every evictable pod left the node */
    boolean drain(String nodeName) {
        Node node;
        try {
            node = kube.nodes().withName(nodeName).get();
            if (node == null) {
                return false; // never joined, or already gone
            }
            kube.nodes().withName(nodeName).edit(x -> {
                x.getSpec().setUnschedulable(true);
                return x;
            });
        } catch (KubernetesClientException e) {
            LOG.warnf("node %s: cannot cordon: %s", nodeName, e.getMessage());
            return false;
        }
        long deadline = System.nanoTime() + config.saga().drainTimeout().toNanos();
        while (true) {
            List<Pod> pods = kube.pods().inAnyNamespace().withField("spec.nodeName", nodeName).list().getItems()
                    .stream().filter(NodeDrainer::evictable).toList();
            if (pods.isEmpty()) {
                return true;
            }
            for (Pod p : pods) {
                try {
                    kube.pods().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName()).evict();
                } catch (KubernetesClientException e) {
                    LOG.debugf("node %s: eviction of %s refused: %s", nodeName, p.getMetadata().getName(), e.getMessage());
                }
            }
            if (System.nanoTime() > deadline) {
                LOG.warnf("node %s: %d pod(s) could not be evicted within %s", nodeName, pods.size(),
                        config.saga().drainTimeout());
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** DaemonSet pods and mirror pods are not evicted (as {@code kubectl drain --ignore-daemonsets}). */
    private static boolean evictable(Pod p) {
        if (p.getMetadata().getDeletionTimestamp() != null) {
            return true; // still counts until it is gone
        }
        if (p.getMetadata().getAnnotations() != null && p.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror")) {
            return false;
        }
        List<OwnerReference> owners = p.getMetadata().getOwnerReferences();
        return owners == null || owners.stream().noneMatch(o -> "DaemonSet".equals(o.getKind()));
    }
}

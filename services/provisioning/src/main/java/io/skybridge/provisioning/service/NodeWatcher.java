package io.skybridge.provisioning.service;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.skybridge.provisioning.domain.JoinConfig;
import io.skybridge.provisioning.domain.NodeRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;

/**
 * An informer on the Nodes of Skybridge pools (label {@code skybridge.io/node-pool}). A Node that is Ready
 * is matched to its VM (same name, and its {@code skybridge.io/instance-id} annotation or providerID names
 * the VM) and the node is recorded as joined; a Node that disappears makes its pool reconcile (its VM may
 * be gone).
 */
@ApplicationScoped
public class NodeWatcher {
    private static final Logger LOG = Logger.getLogger(NodeWatcher.class);
    public static final String INSTANCE_ID_ANNOTATION = "skybridge.io/instance-id";

    @Inject
    KubernetesClient kube;

    @Inject
    Instance<NodeLauncher> launcher;

    @Inject
    Instance<PoolReconciler> reconciler;

    private SharedIndexInformer<Node> informer;

    void onStart(@Observes StartupEvent event) {
        informer = kube.nodes().withLabel(JoinConfig.POOL_LABEL).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                seen(node);
            }

            @Override
            public void onUpdate(Node before, Node after) {
                if (!ready(before) && ready(after)) {
                    seen(after);
                }
            }

            @Override
            public void onDelete(Node node, boolean unknownFinalState) {
                String pool = node.getMetadata().getLabels().get(JoinConfig.POOL_LABEL);
                if (pool != null) {
                    reconciler.get().kickAndVerify(pool);
                }
            }
        });
        informer.start().whenComplete((ok, error) -> {
            if (error != null) {
                LOG.errorf("node informer could not start: %s", error.toString());
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.close();
        }
    }

    private void seen(Node node) {
        if (ready(node)) {
            launcher.get().joined(node.getMetadata().getName());
        }
    }

    /** The Ready Node of that name, from the informer's cache. */
    public Optional<Node> readyNode(String name) {
        if (informer == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(informer.getStore().getByKey(name)).filter(NodeWatcher::ready);
    }

    /** Whether a Node is the one of this node's VM (and not, e.g., a stale Node of an earlier VM). */
    static boolean belongsTo(Node node, NodeRequest n) {
        if (n.instanceId == null) {
            return false;
        }
        Map<String, String> annotations = node.getMetadata().getAnnotations();
        String annotated = annotations == null ? null : annotations.get(INSTANCE_ID_ANNOTATION);
        String providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
        return n.instanceId.equals(annotated) || n.id.equals(annotated)
                || providerId != null && (providerId.endsWith("/" + n.instanceId) || providerId.endsWith("/" + n.id));
    }

    static boolean ready(Node node) {
        return node != null && node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}

package io.skybridge.inventory.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.skybridge.inventory.config.InventoryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Informers on Nodes, Pods and managed ({@code skybridge.io/managed=true}) Deployments and
 * StatefulSets. Their callbacks only mark what changed; the {@link Projector} turns marks into rows.
 */
@ApplicationScoped
public class ClusterWatch {
    private static final Logger LOG = Logger.getLogger(ClusterWatch.class);
    static final String BY_NODE = "node";
    static final String BY_OWNER = "owner";

    @Inject
    KubernetesClient client;

    @Inject
    InventoryConfig config;

    @Inject
    Projector projector;

    private SharedIndexInformer<Node> nodes;
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Deployment> deployments;
    private SharedIndexInformer<StatefulSet> statefulSets;
    private final List<SharedIndexInformer<?>> all = new ArrayList<>();

    void onStart(@Observes StartupEvent event) {
        if (!config.cluster().enabled()) {
            LOG.info("cluster watch disabled");
            return;
        }
        long resync = config.cluster().resync().toMillis();
        pods = client.pods().inAnyNamespace().runnableInformer(resync);
        pods.addIndexers(Map.of(
                BY_NODE, p -> p.getSpec() == null || p.getSpec().getNodeName() == null ? List.of()
                        : List.of(p.getSpec().getNodeName()),
                BY_OWNER, p -> {
                    String owner = WorkloadProjection.ownerOf(p);
                    return owner == null ? List.of() : List.of(owner);
                }));
        pods.addEventHandler(handler(this::podChanged));
        nodes = client.nodes().runnableInformer(resync);
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                nodeChanged(node, true);
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                nodeChanged(newNode, !Objects.equals(cloudLabel(oldNode), cloudLabel(newNode)));
            }

            @Override
            public void onDelete(Node node, boolean deletedFinalStateUnknown) {
                nodeChanged(node, true);
            }
        });
        deployments = client.apps().deployments().inAnyNamespace().withLabel(WorkloadProjection.MANAGED, "true")
                .runnableInformer(resync);
        deployments.addEventHandler(handler(d -> projector.workloadChanged(
                WorkloadProjection.id(d.getMetadata().getNamespace(), "Deployment", d.getMetadata().getName()))));
        statefulSets = client.apps().statefulSets().inAnyNamespace().withLabel(WorkloadProjection.MANAGED, "true")
                .runnableInformer(resync);
        statefulSets.addEventHandler(handler(s -> projector.workloadChanged(
                WorkloadProjection.id(s.getMetadata().getNamespace(), "StatefulSet", s.getMetadata().getName()))));
        all.addAll(List.of(pods, nodes, deployments, statefulSets));
        projector.attach(this);
        CompletableFuture.allOf(all.stream().map(i -> i.start().toCompletableFuture())
                        .toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        LOG.warnf("cluster watch did not sync: %s", e.toString());
                    } else {
                        LOG.info("cluster watch synced");
                        projector.reconcileAll();
                    }
                });
    }

    void onStop(@Observes ShutdownEvent event) {
        all.forEach(SharedIndexInformer::close);
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> changed) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                changed.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                if (oldObj != null && oldObj instanceof Pod oldPod && newObj instanceof Pod newPod
                        && !Objects.equals(nodeOf(oldPod), nodeOf(newPod))) {
                    podChanged(oldPod);
                }
                changed.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                changed.accept(obj);
            }
        };
    }

    private void podChanged(Pod pod) {
        String node = nodeOf(pod);
        if (node != null) {
            projector.nodeChanged(node);
        }
        String owner = WorkloadProjection.ownerOf(pod);
        if (owner != null && isManaged(owner)) {
            projector.workloadChanged(owner);
        }
    }

    /** Pods of workloads that are not managed are none of our business (their owners' own events cover removal). */
    private boolean isManaged(String workloadId) {
        String[] parts = workloadId.split("/", 3);
        return parts.length == 3 && ("Deployment".equals(parts[1]) ? deployment(parts[0], parts[2]) != null
                : statefulSet(parts[0], parts[2]) != null);
    }

    private void nodeChanged(Node node, boolean cloudMayHaveChanged) {
        String name = node.getMetadata().getName();
        projector.nodeChanged(name);
        if (!cloudMayHaveChanged) {
            return;
        }
        // placement of the workloads with pods on it depends on the node's cloud
        for (Pod p : pods.getIndexer().byIndex(BY_NODE, name)) {
            String owner = WorkloadProjection.ownerOf(p);
            if (owner != null && isManaged(owner)) {
                projector.workloadChanged(owner);
            }
        }
    }

    private static String cloudLabel(Node node) {
        return node == null || node.getMetadata().getLabels() == null ? null
                : node.getMetadata().getLabels().get(NodeProjection.CLOUD);
    }

    private static String nodeOf(Pod pod) {
        return pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    }

    // ---- read access for the projector (the informers' caches)

    Node node(String name) {
        return nodes.getStore().getByKey(name);
    }

    List<Pod> podsOn(String node) {
        return pods.getIndexer().byIndex(BY_NODE, node);
    }

    List<Pod> podsOf(String workloadId) {
        return pods.getIndexer().byIndex(BY_OWNER, workloadId);
    }

    Deployment deployment(String namespace, String name) {
        return deployments.getStore().getByKey(namespace + "/" + name);
    }

    StatefulSet statefulSet(String namespace, String name) {
        return statefulSets.getStore().getByKey(namespace + "/" + name);
    }

    String cloudOf(String nodeName) {
        Node n = nodeName == null ? null : node(nodeName);
        return n == null || n.getMetadata().getLabels() == null ? null
                : n.getMetadata().getLabels().get(NodeProjection.CLOUD);
    }

    List<String> nodeNames() {
        return nodes.getStore().listKeys();
    }

    List<String> workloadIds() {
        List<String> ids = new ArrayList<>();
        deployments.getStore().list().forEach(d -> ids.add(
                WorkloadProjection.id(d.getMetadata().getNamespace(), "Deployment", d.getMetadata().getName())));
        statefulSets.getStore().list().forEach(s -> ids.add(
                WorkloadProjection.id(s.getMetadata().getNamespace(), "StatefulSet", s.getMetadata().getName())));
        return ids;
    }
}

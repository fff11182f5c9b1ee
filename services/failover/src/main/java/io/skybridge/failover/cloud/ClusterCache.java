package io.skybridge.failover.cloud;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Informers on nodes and pods, started when a failover first needs them and kept running: where each workload's
 * pods are and whether they are Ready comes from watches, not from one list per workload per poll, so the API
 * calls per moved workload stay constant however many workloads move.
 */
@ApplicationScoped
public class ClusterCache {
    @Inject
    KubernetesClient kubernetes;

    private volatile SharedIndexInformer<Node> nodes;
    private volatile SharedIndexInformer<Pod> pods;

    private static final String LABEL_INDEX = "namespace-label";

    /** Blocks until both informers have listed once. */
    public synchronized void start() {
        if (nodes == null) {
            nodes = kubernetes.nodes().inform();
            SharedIndexInformer<Pod> p = kubernetes.pods().inAnyNamespace().runnableInformer(0);
            // pods by "namespace/key=value" of each label: a workload's pods without scanning every pod
            p.addIndexers(Map.of(LABEL_INDEX, pod -> pod.getMetadata().getLabels() == null ? List.of()
                    : pod.getMetadata().getLabels().entrySet().stream()
                    .map(e -> pod.getMetadata().getNamespace() + "/" + e.getKey() + "=" + e.getValue()).toList()));
            try {
                p.start().toCompletableFuture().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while listing pods", e);
            } catch (java.util.concurrent.ExecutionException e) {
                p.stop();
                throw new IllegalStateException("could not list pods", e.getCause());
            }
            pods = p;
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void stop() {
        if (nodes != null) {
            nodes.stop();
            pods.stop();
            nodes = null;
            pods = null;
        }
    }

    /** Node name → its {@code skybridge.io/cloud} label (null when unlabelled). */
    public Map<String, String> cloudOfNodes() {
        start();
        Map<String, String> m = new HashMap<>();
        for (Node n : nodes.getStore().list()) {
            m.put(n.getMetadata().getName(), n.getMetadata().getLabels() == null ? null
                    : n.getMetadata().getLabels().get(ClusterSnapshot.CLOUD));
        }
        return m;
    }

    /** The pods of {@code namespace} whose labels include {@code selector}. */
    public List<Pod> pods(String namespace, Map<String, String> selector) {
        start();
        List<Pod> candidates = selector.isEmpty() ? pods.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace)
                : pods.getIndexer().byIndex(LABEL_INDEX, namespace + "/" + selector.entrySet().iterator().next().getKey() + "="
                + selector.entrySet().iterator().next().getValue());
        return candidates.stream()
                .filter(p -> p.getMetadata().getLabels() != null && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    /** Ready, not terminating pods matching {@code selector}, per cloud of their node. */
    public Map<String, Integer> readyByCloud(String namespace, Map<String, String> selector, Map<String, String> cloudOfNode) {
        Map<String, Integer> ready = new HashMap<>();
        for (Pod p : pods(namespace, selector)) {
            boolean isReady = p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
                    && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            String cloud = p.getSpec().getNodeName() == null ? null : cloudOfNode.get(p.getSpec().getNodeName());
            if (isReady && cloud != null) {
                ready.merge(cloud, 1, Integer::sum);
            }
        }
        return ready;
    }
}

package io.skybridge.failover.cloud;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.skybridge.failover.planning.NodeCapacity;
import io.skybridge.failover.planning.WorkloadState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the planner needs, read from the cluster: managed workloads (label {@code skybridge.io/managed=true})
 * with their replicas per cloud, per-replica requests, priority (annotation {@code skybridge.io/priority})
 * and allowed clouds (annotation {@code skybridge.io/allowed-clouds}, comma-separated), and the free
 * capacity of a cloud's Ready, schedulable nodes.
 */
@ApplicationScoped
public class ClusterSnapshot {
    public static final String MANAGED = "skybridge.io/managed";
    public static final String CLOUD = "skybridge.io/cloud";

    @Inject
    KubernetesClient kubernetes;

    public record Snapshot(List<WorkloadState> workloads, Map<String, List<NodeCapacity>> freeByCloud) {
    }

    public Snapshot take() {
        List<Node> nodes = kubernetes.nodes().list().getItems();
        Map<String, String> cloudOfNode = new HashMap<>();
        nodes.forEach(n -> cloudOfNode.put(n.getMetadata().getName(),
                n.getMetadata().getLabels() == null ? null : n.getMetadata().getLabels().get(CLOUD)));
        List<Pod> pods = kubernetes.pods().inAnyNamespace().list().getItems();

        Map<String, long[]> requestedByNode = new HashMap<>();
        for (Pod p : pods) {
            String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
            if (node == null || isFinished(p)) {
                continue;
            }
            long[] r = requestedByNode.computeIfAbsent(node, k -> new long[2]);
            r[0] += cpuMillis(p.getSpec().getContainers().stream().map(c -> c.getResources() == null ? null
                    : c.getResources().getRequests()).toList());
            r[1] += memoryBytes(p.getSpec().getContainers().stream().map(c -> c.getResources() == null ? null
                    : c.getResources().getRequests()).toList());
        }
        Map<String, List<NodeCapacity>> free = new HashMap<>();
        for (Node n : nodes) {
            String cloud = cloudOfNode.get(n.getMetadata().getName());
            if (cloud == null || !ready(n) || Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
                continue;
            }
            Map<String, Quantity> alloc = n.getStatus().getAllocatable();
            long[] used = requestedByNode.getOrDefault(n.getMetadata().getName(), new long[2]);
            free.computeIfAbsent(cloud, c -> new ArrayList<>()).add(new NodeCapacity(n.getMetadata().getName(),
                    Math.max(0, cpuMillis(List.of(alloc)) - used[0]), Math.max(0, memoryBytes(List.of(alloc)) - used[1])));
        }

        // pods by "namespace/key=value" of each label: each workload looks at its own pods, not at all of them
        Map<String, List<Pod>> byLabel = new HashMap<>();
        for (Pod p : pods) {
            if (p.getMetadata().getLabels() != null) {
                p.getMetadata().getLabels().forEach((k, v) -> byLabel.computeIfAbsent(p.getMetadata().getNamespace() + "/" + k + "=" + v,
                        x -> new ArrayList<>()).add(p));
            }
        }
        List<WorkloadState> workloads = new ArrayList<>();
        kubernetes.apps().deployments().inAnyNamespace().withLabel(MANAGED, "true").list().getItems()
                .forEach(d -> workloads.add(workload("Deployment", d.getMetadata(), d.getSpec().getTemplate(),
                        d.getSpec().getSelector().getMatchLabels(), byLabel, cloudOfNode)));
        kubernetes.apps().statefulSets().inAnyNamespace().withLabel(MANAGED, "true").list().getItems()
                .forEach(s -> workloads.add(workload("StatefulSet", s.getMetadata(), s.getSpec().getTemplate(),
                        s.getSpec().getSelector().getMatchLabels(), byLabel, cloudOfNode)));
        return new Snapshot(workloads, free);
    }

    private static WorkloadState workload(String kind, io.fabric8.kubernetes.api.model.ObjectMeta meta, PodTemplateSpec template,
                                          Map<String, String> selector, Map<String, List<Pod>> byLabel,
                                          Map<String, String> cloudOfNode) {
        Map<String, Integer> byCloud = new HashMap<>();
        List<Pod> candidates = selector == null || selector.isEmpty() ? List.of()
                : byLabel.getOrDefault(meta.getNamespace() + "/" + selector.entrySet().iterator().next().getKey() + "="
                + selector.entrySet().iterator().next().getValue(), List.of());
        for (Pod p : candidates) {
            if (!meta.getNamespace().equals(p.getMetadata().getNamespace()) || isFinished(p)
                    || p.getMetadata().getLabels() == null
                    || !p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())) {
                continue;
            }
            String cloud = p.getSpec().getNodeName() == null ? null : cloudOfNode.get(p.getSpec().getNodeName());
            if (cloud != null) {
                byCloud.merge(cloud, 1, Integer::sum);
            }
        }
        var requests = template.getSpec().getContainers().stream()
                .map(c -> c.getResources() == null ? null : c.getResources().getRequests()).toList();
        Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        int priority = Integer.parseInt(annotations.getOrDefault("skybridge.io/priority", "0"));
        Set<String> allowed = annotations.containsKey("skybridge.io/allowed-clouds")
                ? Arrays.stream(annotations.get("skybridge.io/allowed-clouds").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet())
                : new HashSet<>();
        return new WorkloadState(meta.getNamespace() + "/" + kind + "/" + meta.getName(), byCloud,
                cpuMillis(requests), memoryBytes(requests), priority, allowed);
    }

    private static boolean isFinished(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase) || p.getMetadata().getDeletionTimestamp() != null;
    }

    private static boolean ready(Node n) {
        return n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static long cpuMillis(List<Map<String, Quantity>> maps) {
        long total = 0;
        for (Map<String, Quantity> m : maps) {
            if (m != null && m.get("cpu") != null) {
                total += Quantity.getAmountInBytes(m.get("cpu")).multiply(BigDecimal.valueOf(1000)).longValue();
            }
        }
        return total;
    }

    private static long memoryBytes(List<Map<String, Quantity>> maps) {
        long total = 0;
        for (Map<String, Quantity> m : maps) {
            if (m != null && m.get("memory") != null) {
                total += Quantity.getAmountInBytes(m.get("memory")).longValue();
            }
        }
        return total;
    }
}

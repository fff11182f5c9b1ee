package io.skybridge.inventory.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.common.ResourceAmount;
import io.skybridge.inventory.domain.Workload;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A managed Deployment / StatefulSet and its pods as a {@link Workload}. Failover policy comes from
 * annotations: {@code skybridge.io/allowed-clouds} (comma-separated, default {@code aws,gcp}),
 * {@code skybridge.io/preferred-cloud}, {@code skybridge.io/priority} (integer, default 0).
 */
public final class WorkloadProjection {
    public static final String MANAGED = "skybridge.io/managed";
    public static final String ALLOWED_CLOUDS = "skybridge.io/allowed-clouds";
    public static final String PREFERRED_CLOUD = "skybridge.io/preferred-cloud";
    public static final String PRIORITY = "skybridge.io/priority";
    private static final List<String> CLOUDS = List.of("aws", "gcp");

    private WorkloadProjection() {
    }

    public static String id(String namespace, String kind, String name) {
        return namespace + "/" + kind + "/" + name;
    }

    /** The workload a pod belongs to (through its owner reference), or null. */
    public static String ownerOf(Pod pod) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        if (owners == null) {
            return null;
        }
        for (OwnerReference ref : owners) {
            switch (ref.getKind()) {
                case "Deployment", "StatefulSet" -> {
                    return id(pod.getMetadata().getNamespace(), ref.getKind(), ref.getName());
                }
                case "ReplicaSet" -> {
                    // a real cluster: <deployment>-<pod-template-hash>
                    int dash = ref.getName().lastIndexOf('-');
                    if (dash > 0) {
                        return id(pod.getMetadata().getNamespace(), "Deployment", ref.getName().substring(0, dash));
                    }
                }
                default -> {
                }
            }
        }
        return null;
    }

    public static Workload of(Deployment d, Collection<Pod> pods, Function<String, String> cloudOfNode) {
        Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
        return of(d, "Deployment", d.getSpec().getReplicas(), ready, d.getSpec().getTemplate(), pods, cloudOfNode);
    }

    public static Workload of(StatefulSet s, Collection<Pod> pods, Function<String, String> cloudOfNode) {
        Integer ready = s.getStatus() == null ? null : s.getStatus().getReadyReplicas();
        return of(s, "StatefulSet", s.getSpec().getReplicas(), ready, s.getSpec().getTemplate(), pods, cloudOfNode);
    }

    private static Workload of(HasMetadata owner, String kind, Integer replicas, Integer ready,
                               PodTemplateSpec template, Collection<Pod> pods, Function<String, String> cloudOfNode) {
        Map<String, String> annotations = owner.getMetadata().getAnnotations() == null ? Map.of()
                : owner.getMetadata().getAnnotations();
        Workload w = new Workload();
        w.namespace = owner.getMetadata().getNamespace();
        w.name = owner.getMetadata().getName();
        w.kind = kind;
        w.id = id(w.namespace, kind, w.name);
        w.replicas = replicas == null ? 1 : replicas;
        w.readyReplicas = ready == null ? 0 : ready;
        ResourceAmount perReplica = Resources.requests(template == null ? null : template.getSpec());
        w.cpuPerReplica = perReplica.cpuMillis();
        w.memoryPerReplica = perReplica.memoryBytes();
        w.priority = priority(annotations.get(PRIORITY));
        List<String> allowed = allowedClouds(annotations.get(ALLOWED_CLOUDS));
        w.allowedClouds = String.join(",", allowed);
        String preferred = annotations.get(PREFERRED_CLOUD);
        w.preferredCloud = preferred != null && CLOUDS.contains(preferred.trim()) ? preferred.trim() : null;
        Map<String, Integer> placement = new TreeMap<>();
        allowed.forEach(c -> placement.put(c, 0));
        for (Pod pod : pods) {
            if (Resources.runs(pod)) {
                String cloud = cloudOfNode.apply(pod.getSpec().getNodeName());
                if (cloud != null) {
                    placement.merge(cloud, 1, Integer::sum);
                }
            }
        }
        w.placement = json(placement);
        w.observedAt = Instant.now();
        return w;
    }

    static int priority(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static List<String> allowedClouds(String value) {
        if (value == null || value.isBlank()) {
            return CLOUDS;
        }
        List<String> allowed = java.util.Arrays.stream(value.split(",")).map(String::trim)
                .filter(CLOUDS::contains).distinct().sorted().toList();
        return allowed.isEmpty() ? CLOUDS : allowed;
    }

    public static String json(Map<String, Integer> placement) {
        try {
            return ContractJson.mapper().writeValueAsString(new TreeMap<>(placement));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.skybridge.emulator.kube.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.Conditions;
import io.skybridge.emulator.kube.Json;
import io.skybridge.emulator.kube.KubeConfig;
import io.skybridge.emulator.kube.KubeStore;
import io.skybridge.emulator.kube.ResourceType;
import io.skybridge.emulator.kube.Scheduler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The container runtime side of the kubelets: on a live node a bound pod becomes Running and Ready after
 * {@code podStartDelay} (pod IP, host IP, container statuses), and a deleted pod goes after
 * {@code podTerminationDelay}. Pods on a dark node stay as they are.
 */
public final class PodRuntime {
    private final KubeStore store;
    private final KubeConfig cfg;
    private final Map<String, Long> boundAt = new ConcurrentHashMap<>();
    private final Map<String, Long> terminatingSeen = new HashMap<>();
    private final AtomicLong podIps = new AtomicLong();

    public PodRuntime(KubeStore store, KubeConfig cfg) {
        this.store = store;
        this.cfg = cfg;
    }

    /** The scheduler bound pod {@code uid} at {@code now}: its start delay counts from here. */
    public void bound(String uid, long now) {
        boundAt.put(uid, now);
    }

    public void sync(long now, Map<String, Boolean> alive) {
        for (ObjectNode p : store.list(ResourceType.PODS)) {
            String nodeName = p.path("spec").path("nodeName").asText("");
            if (nodeName.isEmpty() || !alive.getOrDefault(nodeName, false)) {
                continue;
            }
            String uid = p.path("metadata").path("uid").asText();
            String ns = Json.namespace(p);
            String name = Json.name(p);
            if (p.path("metadata").has("deletionTimestamp")) {
                long seen = terminatingSeen.computeIfAbsent(uid, x -> now);
                if (now - seen >= cfg.podTerminationDelay.toMillis()) {
                    store.finishPodDeletion(ns, name);
                    terminatingSeen.remove(uid);
                    boundAt.remove(uid);
                }
                continue;
            }
            if (!"Pending".equals(p.path("status").path("phase").asText())) {
                continue;
            }
            long bound = boundAt.computeIfAbsent(uid, x -> now);
            if (now - bound < cfg.podStartDelay.toMillis()) {
                continue;
            }
            ObjectNode node = store.find(ResourceType.NODES, null, nodeName);
            String hostIp = null;
            if (node != null) {
                for (JsonNode a : node.path("status").path("addresses")) {
                    if ("InternalIP".equals(a.path("type").asText())) {
                        hostIp = a.path("address").asText();
                    }
                }
            }
            String hip = hostIp;
            long ipn = podIps.incrementAndGet();
            String podIp = "10." + (244 + (int) ((ipn >> 16) & 3)) + "." + ((ipn >> 8) & 255) + "." + (ipn & 255);
            String t = Json.time(now);
            store.mutate(ResourceType.PODS, ns, name, pod -> {
                ObjectNode st = (ObjectNode) pod.get("status");
                st.put("phase", "Running");
                if (hip != null) {
                    st.put("hostIP", hip);
                    st.putArray("hostIPs").addObject().put("ip", hip);
                }
                st.put("podIP", podIp);
                st.putArray("podIPs").addObject().put("ip", podIp);
                st.put("startTime", t);
                st.put("qosClass", Scheduler.requests(pod).cpu() > 0 ? "Burstable" : "BestEffort");
                for (String c : List.of("PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready")) {
                    Conditions.set(pod, c, "True", null, null, now);
                }
                ArrayNode cs = st.putArray("containerStatuses");
                for (JsonNode c : pod.path("spec").path("containers")) {
                    ObjectNode s = cs.addObject();
                    s.put("name", c.path("name").asText()).put("image", c.path("image").asText())
                        .put("imageID", c.path("image").asText() + "@sha256:0").put("containerID", "containerd://" + uid.replace("-", "") + c.path("name").asText())
                        .put("ready", true).put("started", true).put("restartCount", 0);
                    s.putObject("state").putObject("running").put("startedAt", t);
                }
            });
        }
    }
}

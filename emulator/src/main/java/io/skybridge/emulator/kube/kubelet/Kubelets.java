package io.skybridge.emulator.kube.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.Conditions;
import io.skybridge.emulator.kube.EventRecorder;
import io.skybridge.emulator.kube.JoinConfig;
import io.skybridge.emulator.kube.Json;
import io.skybridge.emulator.kube.KubeConfig;
import io.skybridge.emulator.kube.KubeException;
import io.skybridge.emulator.kube.KubeStore;
import io.skybridge.emulator.kube.ResourceType;
import io.skybridge.emulator.kube.VmSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated kubelets of the emulated VMs: a VM with a join line registers its Node after {@code joinDelay},
 * renews its Lease and conditions every {@code heartbeatInterval} while its cloud/region is reachable, and its
 * Node and Lease are deleted when the VM is terminated or gone.
 */
public final class Kubelets {
    private final KubeStore store;
    private final VmSource vms;
    private final KubeConfig cfg;
    private final EventRecorder events;
    private final NodeLeases leases;
    private final NodeRegistration registration;
    private final Map<String, Kubelet> kubelets = new HashMap<>();
    private final Map<String, Optional<JoinConfig>> joinCache = new HashMap<>();

    public Kubelets(KubeStore store, VmSource vms, KubeConfig cfg, EventRecorder events) {
        this.store = store;
        this.vms = vms;
        this.cfg = cfg;
        this.events = events;
        this.leases = new NodeLeases(store);
        this.registration = new NodeRegistration(store, vms, leases, events);
    }

    /** When each registered kubelet last posted its status, by node name. */
    public Map<String, Long> lastHeartbeats() {
        Map<String, Long> m = new HashMap<>();
        for (Kubelet k : kubelets.values()) {
            if (k.registered) {
                m.put(k.nodeName, k.lastHeartbeat);
            }
        }
        return m;
    }

    public void sync(long now) {
        List<VmSource.Vm> list = vms.vms();
        Set<String> seen = new HashSet<>();
        for (VmSource.Vm vm : list) {
            if (joinCache.size() > 10_000) {
                joinCache.clear();
            }
            JoinConfig jc = vm.userData() == null ? null
                : joinCache.computeIfAbsent(vm.userData(), u -> java.util.Optional.ofNullable(JoinConfig.find(u))).orElse(null);
            if (jc == null) {
                continue;
            }
            String key = vm.cloud().id() + "/" + vm.instanceId();
            seen.add(key);
            Kubelet k = kubelets.computeIfAbsent(key, x -> new Kubelet());
            k.vm = vm;
            k.join = jc;
            String named = jc.nodeNameAt(vm.launchIndex());
            k.nodeName = named != null && !named.isEmpty() ? named : vm.name().toLowerCase(java.util.Locale.ROOT);
            boolean reachable = vms.isHeartbeating(vm.cloud(), vm.region());
            switch (vm.state()) {
                case RUNNING -> {
                    if (k.firstRunning == 0) {
                        k.firstRunning = now;
                    }
                    if (!reachable) {
                        continue;
                    }
                    if (!k.registered) {
                        if (now - k.firstRunning >= cfg.joinDelay.toMillis()) {
                            registration.register(k, now);
                        }
                    } else if (store.find(ResourceType.NODES, null, k.nodeName) == null) {
                        registration.register(k, now);
                    } else if (now - k.lastHeartbeat >= cfg.heartbeatInterval.toMillis()) {
                        heartbeat(k, now);
                    }
                }
                case TERMINATED -> {
                    if (k.registered) {
                        removeNode(k);
                    }
                    kubelets.remove(key);
                }
                default -> k.firstRunning = 0;
            }
        }
        for (var it = kubelets.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!seen.contains(e.getKey())) {
                if (e.getValue().registered) {
                    removeNode(e.getValue());
                }
                it.remove();
            }
        }
    }

    private void removeNode(Kubelet k) {
        try {
            ObjectNode n = store.find(ResourceType.NODES, null, k.nodeName);
            if (n != null) {
                events.record(n, "Normal", "RemovingNode", "Node " + k.nodeName + " event: Removing Node " + k.nodeName + " from Controller", "node-controller");
                store.delete(ResourceType.NODES, null, k.nodeName, 0L, null);
            }
        } catch (KubeException e) {
            // already gone
        }
        leases.delete(k.nodeName);
        k.registered = false;
    }

    private void heartbeat(Kubelet k, long now) {
        k.lastHeartbeat = now;
        leases.renew(k.nodeName, now);
        String t = Json.time(now);
        boolean[] recovered = new boolean[1];
        ObjectNode n = store.mutate(ResourceType.NODES, null, k.nodeName, node -> {
            for (JsonNode c : node.path("status").path("conditions")) {
                ObjectNode cn = (ObjectNode) c;
                cn.put("lastHeartbeatTime", t);
                String type = cn.path("type").asText();
                String want = type.equals("Ready") ? "True" : "False";
                if (!want.equals(cn.path("status").asText())) {
                    recovered[0] = true;
                    cn.put("status", want).put("lastTransitionTime", t);
                    if (type.equals("Ready")) {
                        cn.put("reason", "KubeletReady").put("message", "kubelet is posting ready status");
                    }
                }
            }
            removeUnreachableTaints(node);
        });
        if (recovered[0] && n != null) {
            events.record(n, "Normal", "NodeReady", "Node " + k.nodeName + " status is now: NodeReady", "kubelet");
        }
    }

    private static void removeUnreachableTaints(ObjectNode node) {
        JsonNode taints = node.path("spec").path("taints");
        if (taints instanceof ArrayNode arr) {
            for (int i = arr.size() - 1; i >= 0; i--) {
                if ("node.kubernetes.io/unreachable".equals(arr.get(i).path("key").asText())) {
                    arr.remove(i);
                }
            }
            if (arr.isEmpty()) {
                ((ObjectNode) node.get("spec")).remove("taints");
            }
        }
    }

    /** Whether each node's kubelet acts: simulated kubelets when running and reachable, other nodes when Ready. */
    public Map<String, Boolean> alive() {
        Map<String, Boolean> alive = new HashMap<>();
        for (ObjectNode n : store.list(ResourceType.NODES)) {
            alive.put(Json.name(n), Conditions.status(n, "Ready").equals("True"));
        }
        for (Kubelet k : kubelets.values()) {
            if (k.registered) {
                alive.put(k.nodeName, k.vm.state() == VmSource.VmState.RUNNING && vms.isHeartbeating(k.vm.cloud(), k.vm.region()));
            }
        }
        return alive;
    }
}

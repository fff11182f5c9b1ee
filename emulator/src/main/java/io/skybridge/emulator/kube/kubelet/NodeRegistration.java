package io.skybridge.emulator.kube.kubelet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.EventRecorder;
import io.skybridge.emulator.kube.Json;
import io.skybridge.emulator.kube.KubeStore;
import io.skybridge.emulator.kube.ResourceType;
import io.skybridge.emulator.kube.VmSource;
import io.skybridge.emulator.world.Cloud;

import java.util.List;
import java.util.Map;

/**
 * A kubelet registering its Node: labels (cloud, region, zone, instance type, pool and the join line's own),
 * taints from the join line, capacity from the machine type, addresses, node info, and its Lease.
 */
final class NodeRegistration {
    static final String CLOUD_LABEL = "skybridge.io/cloud";
    static final String POOL_LABEL = "skybridge.io/node-pool";
    static final String SIMULATED = "skybridge.io/simulated-kubelet";
    static final String INSTANCE_ID = "skybridge.io/instance-id";
    private final KubeStore store;
    private final VmSource vms;
    private final NodeLeases leases;
    private final EventRecorder events;

    NodeRegistration(KubeStore store, VmSource vms, NodeLeases leases, EventRecorder events) {
        this.store = store;
        this.vms = vms;
        this.leases = leases;
        this.events = events;
    }

    void register(Kubelet k, long now) {
        VmSource.Vm vm = k.vm;
        VmSource.MachineShape shape = vms.machineType(vm.cloud(), vm.machineType());
        if (shape == null) {
            shape = new VmSource.MachineShape(2, 4096);
        }
        ObjectNode node = Json.object();
        ObjectNode meta = node.putObject("metadata");
        meta.put("name", k.nodeName);
        ObjectNode labels = meta.putObject("labels");
        labels.put("kubernetes.io/hostname", k.nodeName).put("kubernetes.io/os", "linux").put("kubernetes.io/arch", "amd64")
            .put("beta.kubernetes.io/os", "linux").put("beta.kubernetes.io/arch", "amd64")
            .put(CLOUD_LABEL, vm.cloud().id()).put("topology.kubernetes.io/region", vm.region())
            .put("topology.kubernetes.io/zone", vm.zone()).put("node.kubernetes.io/instance-type", vm.machineType());
        if (k.join.pool() != null && !k.join.pool().isEmpty()) {
            labels.put(POOL_LABEL, k.join.pool());
        }
        k.join.labels().forEach(labels::put);
        meta.putObject("annotations").put(SIMULATED, "true").put(INSTANCE_ID, vm.instanceId())
            .put("node.alpha.kubernetes.io/ttl", "0").put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        ObjectNode spec = node.putObject("spec");
        spec.put("providerID", vm.cloud() == Cloud.AWS ? "aws:///" + vm.zone() + "/" + vm.instanceId()
            : "gce://" + vm.project() + "/" + vm.zone() + "/" + vm.name());
        if (!k.join.taints().isEmpty()) {
            ArrayNode taints = spec.putArray("taints");
            for (Map<String, String> t : k.join.taints()) {
                ObjectNode tn = taints.addObject();
                t.forEach(tn::put);
                if (!tn.has("effect")) {
                    tn.put("effect", "NoSchedule");
                }
            }
        }
        ObjectNode status = node.putObject("status");
        ObjectNode cap = status.putObject("capacity");
        cap.put("cpu", Integer.toString(shape.vcpus())).put("memory", (shape.memoryMiB() * 1024) + "Ki").put("pods", "110")
            .put("ephemeral-storage", "20959212Ki");
        status.set("allocatable", cap.deepCopy());
        ArrayNode conds = status.putArray("conditions");
        String t = Json.time(now);
        for (String c : List.of("MemoryPressure", "DiskPressure", "PIDPressure")) {
            conds.addObject().put("type", c).put("status", "False").put("lastHeartbeatTime", t).put("lastTransitionTime", t)
                .put("reason", "KubeletHas" + (c.equals("MemoryPressure") ? "SufficientMemory" : c.equals("DiskPressure") ? "NoDiskPressure" : "SufficientPID"))
                .put("message", "kubelet has " + (c.equals("MemoryPressure") ? "sufficient memory available" : c.equals("DiskPressure") ? "no disk pressure" : "sufficient PID available"));
        }
        conds.addObject().put("type", "Ready").put("status", "True").put("lastHeartbeatTime", t).put("lastTransitionTime", t)
            .put("reason", "KubeletReady").put("message", "kubelet is posting ready status");
        ArrayNode addrs = status.putArray("addresses");
        if (vm.privateIp() != null) {
            addrs.addObject().put("type", "InternalIP").put("address", vm.privateIp());
        }
        if (vm.publicIp() != null) {
            addrs.addObject().put("type", "ExternalIP").put("address", vm.publicIp());
        }
        addrs.addObject().put("type", "Hostname").put("address", k.nodeName);
        status.putObject("nodeInfo").put("machineID", vm.instanceId()).put("systemUUID", vm.instanceId()).put("bootID", vm.instanceId())
            .put("kernelVersion", "6.1.0-skybridge").put("osImage", "Skybridge emulated node").put("containerRuntimeVersion", "containerd://1.7.20")
            .put("kubeletVersion", "v1.31.0").put("kubeProxyVersion", "v1.31.0").put("operatingSystem", "linux").put("architecture", "amd64");
        status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
        ObjectNode existing = store.find(ResourceType.NODES, null, k.nodeName);
        ObjectNode created;
        if (existing == null) {
            created = store.create(ResourceType.NODES, null, node);
        } else {
            created = store.mutate(ResourceType.NODES, null, k.nodeName, n -> {
                n.set("status", status);
                ((ObjectNode) n.get("metadata")).set("labels", labels);
            });
        }
        k.registered = true;
        k.lastHeartbeat = now;
        leases.renew(k.nodeName, now);
        events.record(created, "Normal", "RegisteredNode", "Node " + k.nodeName + " event: Registered Node " + k.nodeName + " in Controller", "node-controller");
    }
}

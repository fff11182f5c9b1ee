package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.world.Cloud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated control plane, run by one loop thread: kubelets of the emulated VMs (join, heartbeats,
 * pod start/termination), the node lifecycle controller (Ready → Unknown), Deployment and StatefulSet
 * controllers, pod garbage collection, PDB status and the {@link Scheduler}. {@link #step()} runs one pass
 * synchronously (tests, benchmark).
 */
public final class ControlPlane implements AutoCloseable {
    public static final String CLOUD_LABEL = "skybridge.io/cloud";
    public static final String POOL_LABEL = "skybridge.io/node-pool";
    public static final String SIMULATED = "skybridge.io/simulated-kubelet";
    public static final String INSTANCE_ID = "skybridge.io/instance-id";
    static final String LEASE_NS = "kube-node-lease";

    static final class Kubelet {
        String nodeName;
        VmSource.Vm vm;
        JoinConfig join;
        long firstRunning;
        boolean registered;
        long lastHeartbeat;
    }

    private final KubeStore store;
    private final VmSource vms;
    private final KubeConfig cfg;
    private final Scheduler scheduler;
    /** Events recorded by the control plane are capped (the API server's TTL, by count): the oldest go first. */
    static final int MAX_EVENTS = 10_000;
    private final java.util.ArrayDeque<String[]> recordedEvents = new java.util.ArrayDeque<>();
    private final Map<String, Kubelet> kubelets = new HashMap<>();
    private final Map<String, java.util.Optional<JoinConfig>> joinCache = new HashMap<>();
    private long lastVmSync = System.nanoTime() - 1_000_000_000_000L;
    private final Map<String, Long> boundAt = new ConcurrentHashMap<>();
    private final Map<String, Long> terminatingSeen = new HashMap<>();
    private final Map<String, Long> lastAttempt = new HashMap<>();
    private final AtomicLong podIps = new AtomicLong();
    private final Object signal = new Object();
    private volatile boolean dirty = true;
    private volatile boolean nodesChanged = true;
    private volatile boolean running;
    private Thread thread;
    private final KubeStore.Watch nodeWatch;

    public ControlPlane(KubeStore store, VmSource vms, KubeConfig cfg) {
        this.store = store;
        this.vms = vms;
        this.cfg = cfg;
        this.scheduler = new Scheduler(store, this);
        store.setChangeListener(this::wake);
        this.nodeWatch = store.watch(ResourceType.NODES, null, null, null, null, (t, o) -> nodesChanged = true);
    }

    public KubeConfig config() {
        return cfg;
    }

    private void wake() {
        dirty = true;
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "skybridge-kube-control-plane");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            dirty = false;
            try {
                step();
            } catch (RuntimeException e) {
                System.err.println("[kube control plane] " + e);
            }
            synchronized (signal) {
                if (!dirty && running) {
                    try {
                        signal.wait(Math.max(1, cfg.tick.toMillis()));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        nodeWatch.close();
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    long now() {
        return vms.nowMillis();
    }

    /** One pass of every controller. */
    public synchronized void step() {
        long now = now();
        long mono = System.nanoTime();
        if (mono - lastVmSync >= cfg.tick.toNanos()) {
            lastVmSync = mono;
            syncKubelets(now);
            nodeLifecycle(now);
        }
        Map<String, Boolean> alive = aliveNodes();
        garbageCollect();
        deployments();
        statefulSets();
        boolean retryAll = nodesChanged;
        nodesChanged = false;
        scheduler.schedule(retryAll, now, cfg.unschedulableRetry.toMillis(), lastAttempt);
        kubeletPods(now, alive);
        disruptionBudgets();
    }

    /** Runs the scheduler alone (benchmark). */
    public synchronized Scheduler.Pass scheduleOnce() {
        return scheduler.schedule(true, now(), cfg.unschedulableRetry.toMillis(), lastAttempt);
    }

    void podBound(String uid, long now) {
        boundAt.put(uid, now);
    }

    // ------------------------------------------------------------------ kubelets

    private void syncKubelets(long now) {
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
                            register(k, now);
                        }
                    } else if (store.find(ResourceType.NODES, null, k.nodeName) == null) {
                        register(k, now);
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
                event(n, "Normal", "RemovingNode", "Node " + k.nodeName + " event: Removing Node " + k.nodeName + " from Controller", "node-controller");
                store.delete(ResourceType.NODES, null, k.nodeName, 0L, null);
            }
        } catch (KubeException e) {
            // already gone
        }
        try {
            store.delete(ResourceType.LEASES, LEASE_NS, k.nodeName, 0L, null);
        } catch (KubeException e) {
            // already gone
        }
        k.registered = false;
    }

    private void register(Kubelet k, long now) {
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
        renewLease(k.nodeName, now);
        event(created, "Normal", "RegisteredNode", "Node " + k.nodeName + " event: Registered Node " + k.nodeName + " in Controller", "node-controller");
    }

    private void renewLease(String nodeName, long now) {
        String micro = Instant.ofEpochMilli(now).toString().replace("Z", "").concat(now % 1000 == 0 ? ".000000Z" : "000Z");
        if (!micro.contains(".")) {
            micro = Instant.ofEpochMilli(now).toString();
        }
        String renew = micro;
        ObjectNode lease = store.mutate(ResourceType.LEASES, LEASE_NS, nodeName, l -> ((ObjectNode) l.get("spec")).put("renewTime", renew));
        if (lease == null) {
            ObjectNode l = Json.object();
            ObjectNode m = l.putObject("metadata").put("name", nodeName).put("namespace", LEASE_NS);
            ObjectNode node = store.find(ResourceType.NODES, null, nodeName);
            if (node != null) {
                m.putArray("ownerReferences").addObject().put("apiVersion", "v1").put("kind", "Node").put("name", nodeName)
                    .put("uid", node.path("metadata").path("uid").asText());
            }
            l.putObject("spec").put("holderIdentity", nodeName).put("leaseDurationSeconds", 40).put("renewTime", renew);
            try {
                store.create(ResourceType.LEASES, LEASE_NS, l);
            } catch (KubeException e) {
                // raced
            }
        }
    }

    private void heartbeat(Kubelet k, long now) {
        k.lastHeartbeat = now;
        renewLease(k.nodeName, now);
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
            event(n, "Normal", "NodeReady", "Node " + k.nodeName + " status is now: NodeReady", "kubelet");
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

    private void nodeLifecycle(long now) {
        for (Kubelet k : kubelets.values()) {
            if (!k.registered || now - k.lastHeartbeat <= cfg.nodeMonitorGracePeriod.toMillis()) {
                continue;
            }
            ObjectNode node = store.find(ResourceType.NODES, null, k.nodeName);
            if (node == null || conditionStatus(node, "Ready").equals("Unknown")) {
                continue;
            }
            String t = Json.time(now);
            ObjectNode n = store.mutate(ResourceType.NODES, null, k.nodeName, nd -> {
                for (JsonNode c : nd.path("status").path("conditions")) {
                    ObjectNode cn = (ObjectNode) c;
                    cn.put("status", "Unknown").put("reason", "NodeStatusUnknown").put("message", "Kubelet stopped posting node status.")
                        .put("lastTransitionTime", t);
                }
                ObjectNode spec = (ObjectNode) nd.get("spec");
                ArrayNode taints = spec.has("taints") ? (ArrayNode) spec.get("taints") : spec.putArray("taints");
                taints.addObject().put("key", "node.kubernetes.io/unreachable").put("effect", "NoSchedule").put("timeAdded", t);
                taints.addObject().put("key", "node.kubernetes.io/unreachable").put("effect", "NoExecute").put("timeAdded", t);
            });
            if (n != null) {
                event(n, "Normal", "NodeNotReady", "Node " + k.nodeName + " status is now: NodeNotReady", "node-controller");
            }
        }
    }

    /** Whether each node's kubelet acts: simulated kubelets when running and reachable, other nodes when Ready. */
    private Map<String, Boolean> aliveNodes() {
        Map<String, Boolean> alive = new HashMap<>();
        for (ObjectNode n : store.list(ResourceType.NODES)) {
            alive.put(Json.name(n), conditionStatus(n, "Ready").equals("True"));
        }
        for (Kubelet k : kubelets.values()) {
            if (k.registered) {
                alive.put(k.nodeName, k.vm.state() == VmSource.VmState.RUNNING && vms.isHeartbeating(k.vm.cloud(), k.vm.region()));
            }
        }
        return alive;
    }

    private void kubeletPods(long now, Map<String, Boolean> alive) {
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
                    setCondition(pod, c, "True", null, null, now);
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

    // ------------------------------------------------------------------ workloads

    private void garbageCollect() {
        Set<String> owners = new HashSet<>();
        for (ResourceType t : List.of(ResourceType.DEPLOYMENTS, ResourceType.STATEFULSETS, ResourceType.REPLICASETS, ResourceType.DAEMONSETS)) {
            for (ObjectNode o : store.list(t)) {
                owners.add(o.path("metadata").path("uid").asText());
            }
        }
        Set<String> nodes = new HashSet<>();
        for (ObjectNode n : store.list(ResourceType.NODES)) {
            nodes.add(Json.name(n));
        }
        for (ObjectNode p : store.list(ResourceType.PODS)) {
            String nodeName = p.path("spec").path("nodeName").asText("");
            if (!nodeName.isEmpty() && !nodes.contains(nodeName)) {
                store.finishPodDeletion(Json.namespace(p), Json.name(p));
                continue;
            }
            JsonNode ref = controllerRef(p);
            if (ref != null && Set.of("Deployment", "StatefulSet", "ReplicaSet", "DaemonSet").contains(ref.path("kind").asText())
                && !owners.contains(ref.path("uid").asText()) && !p.path("metadata").has("deletionTimestamp")) {
                try {
                    store.delete(ResourceType.PODS, Json.namespace(p), Json.name(p), null, null);
                } catch (KubeException e) {
                    // gone
                }
            }
        }
    }

    static JsonNode controllerRef(JsonNode o) {
        for (JsonNode r : o.path("metadata").path("ownerReferences")) {
            if (r.path("controller").asBoolean(false)) {
                return r;
            }
        }
        return null;
    }

    private Map<String, List<ObjectNode>> podsByOwner() {
        Map<String, List<ObjectNode>> m = new HashMap<>();
        for (ObjectNode p : store.list(ResourceType.PODS)) {
            JsonNode ref = controllerRef(p);
            if (ref != null) {
                m.computeIfAbsent(ref.path("uid").asText(), x -> new ArrayList<>()).add(p);
            }
        }
        return m;
    }

    static String templateHash(JsonNode template) {
        long h = 1125899906842597L;
        String s = Json.write(template);
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder sb = new StringBuilder();
        long v = h & Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            sb.append(alphabet.charAt((int) (v % alphabet.length())));
            v /= alphabet.length();
        }
        return sb.toString();
    }

    private ObjectNode podFromTemplate(ObjectNode owner, String kind, Map<String, String> extraLabels) {
        JsonNode template = owner.path("spec").path("template");
        ObjectNode pod = Json.object();
        ObjectNode meta = pod.putObject("metadata");
        meta.put("namespace", Json.namespace(owner));
        ObjectNode labels = meta.putObject("labels");
        template.path("metadata").path("labels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
        extraLabels.forEach(labels::put);
        if (template.path("metadata").path("annotations").isObject()) {
            meta.set("annotations", template.path("metadata").path("annotations").deepCopy());
        }
        meta.putArray("ownerReferences").addObject().put("apiVersion", "apps/v1").put("kind", kind).put("name", Json.name(owner))
            .put("uid", owner.path("metadata").path("uid").asText()).put("controller", true).put("blockOwnerDeletion", true);
        pod.set("spec", template.path("spec").isObject() ? template.path("spec").deepCopy() : Json.object());
        return pod;
    }

    private static boolean active(JsonNode p) {
        return !p.path("metadata").has("deletionTimestamp") && !Disruptions.isTerminal(p);
    }

    private static int scaled(JsonNode v, int total, int dflt, boolean roundUp) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        String s = v.asText();
        if (s.endsWith("%")) {
            double d = Double.parseDouble(s.substring(0, s.length() - 1)) / 100.0 * total;
            return (int) (roundUp ? Math.ceil(d) : Math.floor(d));
        }
        return v.asInt();
    }

    private void deployments() {
        Map<String, List<ObjectNode>> byOwner = null;
        for (ObjectNode d : store.list(ResourceType.DEPLOYMENTS)) {
            if (byOwner == null) {
                byOwner = podsByOwner();
            }
            String ns = Json.namespace(d);
            String name = Json.name(d);
            int replicas = d.path("spec").path("replicas").asInt(1);
            String hash = templateHash(d.path("spec").path("template"));
            List<ObjectNode> owned = byOwner.getOrDefault(d.path("metadata").path("uid").asText(), List.of());
            List<ObjectNode> fresh = new ArrayList<>();
            List<ObjectNode> old = new ArrayList<>();
            for (ObjectNode p : owned) {
                if (!active(p)) {
                    continue;
                }
                (hash.equals(p.path("metadata").path("labels").path("pod-template-hash").asText()) ? fresh : old).add(p);
            }
            if (fresh.size() < replicas) {
                for (int i = fresh.size(); i < replicas; i++) {
                    ObjectNode pod = podFromTemplate(d, "Deployment", Map.of("pod-template-hash", hash));
                    ((ObjectNode) pod.get("metadata")).put("generateName", name + "-" + hash + "-");
                    fresh.add(store.create(ResourceType.PODS, ns, pod));
                }
            } else if (fresh.size() > replicas) {
                fresh.sort(Comparator.comparing((ObjectNode p) -> Disruptions.isReady(p))
                    .thenComparing(p -> p.path("spec").path("nodeName").asText("").isEmpty() ? 0 : 1)
                    .thenComparing(p -> p.path("metadata").path("creationTimestamp").asText(), Comparator.reverseOrder()));
                while (fresh.size() > replicas) {
                    ObjectNode p = fresh.remove(0);
                    deletePod(p);
                }
            }
            boolean recreate = "Recreate".equals(d.path("spec").path("strategy").path("type").asText());
            int maxUnavailable = recreate ? replicas
                : scaled(d.path("spec").path("strategy").path("rollingUpdate").get("maxUnavailable"), replicas, replicas / 4, false);
            int readyFresh = (int) fresh.stream().filter(Disruptions::isReady).count();
            int readyOld = (int) old.stream().filter(Disruptions::isReady).count();
            int minAvailable = replicas - maxUnavailable;
            old.sort(Comparator.comparing(Disruptions::isReady));
            for (ObjectNode p : old) {
                boolean ready = Disruptions.isReady(p);
                if (ready && readyFresh + readyOld - 1 < minAvailable) {
                    continue;
                }
                deletePod(p);
                if (ready) {
                    readyOld--;
                }
            }
            int activeCount = fresh.size() + old.size();
            int ready = readyFresh + readyOld;
            long gen = d.path("metadata").path("generation").asLong(1);
            int available = ready;
            store.mutate(ResourceType.DEPLOYMENTS, ns, name, o -> {
                ObjectNode st = o.putObject("status");
                st.put("observedGeneration", gen).put("replicas", activeCount).put("updatedReplicas", fresh.size())
                    .put("readyReplicas", ready).put("availableReplicas", available).put("unavailableReplicas", Math.max(0, replicas - available));
                if (ready == 0) {
                    st.remove("readyReplicas");
                    st.remove("availableReplicas");
                }
                ArrayNode conds = st.putArray("conditions");
                boolean ok = available >= replicas - maxUnavailable;
                conds.addObject().put("type", "Available").put("status", ok ? "True" : "False")
                    .put("reason", ok ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                    .put("message", ok ? "Deployment has minimum availability." : "Deployment does not have minimum availability.");
                boolean done = fresh.size() == replicas && old.isEmpty() && readyFresh == replicas;
                conds.addObject().put("type", "Progressing").put("status", "True")
                    .put("reason", done ? "NewReplicaSetAvailable" : "ReplicaSetUpdated")
                    .put("message", done ? "Deployment \"" + name + "\" has successfully progressed." : "Deployment \"" + name + "\" is progressing.");
            });
        }
    }

    private void deletePod(ObjectNode p) {
        try {
            store.delete(ResourceType.PODS, Json.namespace(p), Json.name(p), null, null);
        } catch (KubeException e) {
            // gone
        }
    }

    private void statefulSets() {
        for (ObjectNode s : store.list(ResourceType.STATEFULSETS)) {
            String ns = Json.namespace(s);
            String name = Json.name(s);
            String uid = s.path("metadata").path("uid").asText();
            int replicas = s.path("spec").path("replicas").asInt(1);
            boolean parallel = "Parallel".equals(s.path("spec").path("podManagementPolicy").asText());
            String revision = name + "-" + templateHash(s.path("spec").path("template"));
            int ready = 0;
            int current = 0;
            int existing = 0;
            boolean blocked = false;
            boolean allReady = true;
            int highestOutdated = -1;
            for (int i = 0; i < replicas; i++) {
                String podName = name + "-" + i;
                ObjectNode p = store.find(ResourceType.PODS, ns, podName);
                if (p == null) {
                    allReady = false;
                    if (!blocked) {
                        ObjectNode pod = podFromTemplate(s, "StatefulSet", Map.of("controller-revision-hash", revision,
                            "statefulset.kubernetes.io/pod-name", podName, "apps.kubernetes.io/pod-index", Integer.toString(i)));
                        ((ObjectNode) pod.get("metadata")).put("name", podName);
                        ObjectNode spec = (ObjectNode) pod.get("spec");
                        spec.put("hostname", podName);
                        if (s.path("spec").has("serviceName")) {
                            spec.put("subdomain", s.path("spec").path("serviceName").asText());
                        }
                        store.create(ResourceType.PODS, ns, pod);
                        existing++;
                        if (!parallel) {
                            blocked = true;
                        }
                    }
                    continue;
                }
                JsonNode ref = controllerRef(p);
                if (ref == null || !uid.equals(ref.path("uid").asText())) {
                    continue;
                }
                existing++;
                boolean r = Disruptions.isReady(p);
                if (r) {
                    ready++;
                } else {
                    allReady = false;
                    if (!parallel) {
                        blocked = true;
                    }
                }
                if (revision.equals(p.path("metadata").path("labels").path("controller-revision-hash").asText())) {
                    current++;
                } else if (active(p)) {
                    highestOutdated = i;
                }
            }
            for (ObjectNode p : store.list(ResourceType.PODS, ns, null, null)) {
                JsonNode ref = controllerRef(p);
                if (ref == null || !uid.equals(ref.path("uid").asText()) || !active(p)) {
                    continue;
                }
                String pn = Json.name(p);
                try {
                    int ord = Integer.parseInt(pn.substring(name.length() + 1));
                    if (ord >= replicas) {
                        deletePod(p);
                    }
                } catch (RuntimeException e) {
                    // not one of ours
                }
            }
            if (allReady && highestOutdated >= 0 && !"OnDelete".equals(s.path("spec").path("updateStrategy").path("type").asText())) {
                ObjectNode p = store.find(ResourceType.PODS, ns, name + "-" + highestOutdated);
                if (p != null) {
                    deletePod(p);
                }
            }
            int rdy = ready;
            int cur = current;
            int ex = existing;
            long gen = s.path("metadata").path("generation").asLong(1);
            store.mutate(ResourceType.STATEFULSETS, ns, name, o -> {
                ObjectNode st = o.putObject("status");
                st.put("observedGeneration", gen).put("replicas", ex).put("readyReplicas", rdy).put("availableReplicas", rdy)
                    .put("currentReplicas", cur).put("updatedReplicas", cur).put("currentRevision", revision).put("updateRevision", revision)
                    .put("collisionCount", 0);
            });
        }
    }

    private void disruptionBudgets() {
        for (ObjectNode pdb : store.list(ResourceType.PDBS)) {
            long[] b = Disruptions.budget(store, pdb);
            long gen = pdb.path("metadata").path("generation").asLong(1);
            store.mutate(ResourceType.PDBS, Json.namespace(pdb), Json.name(pdb), o -> {
                ObjectNode st = o.putObject("status");
                st.put("observedGeneration", gen).put("expectedPods", b[0]).put("currentHealthy", b[1]).put("desiredHealthy", b[2])
                    .put("disruptionsAllowed", b[3]);
                st.putArray("conditions").addObject().put("type", "DisruptionAllowed").put("status", b[3] > 0 ? "True" : "False")
                    .put("reason", b[3] > 0 ? "SufficientPods" : "InsufficientPods").put("message", "").put("observedGeneration", gen)
                    .put("lastTransitionTime", Json.time(0));
            });
        }
    }

    // ------------------------------------------------------------------ helpers

    static String conditionStatus(JsonNode o, String type) {
        for (JsonNode c : o.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c.path("status").asText("");
            }
        }
        return "";
    }

    /** Sets a pod-style condition, keeping lastTransitionTime when the status does not change. */
    static void setCondition(ObjectNode obj, String type, String status, String reason, String message, long now) {
        ObjectNode st = obj.has("status") && obj.get("status").isObject() ? (ObjectNode) obj.get("status") : obj.putObject("status");
        ArrayNode conds = st.has("conditions") && st.get("conditions").isArray() ? (ArrayNode) st.get("conditions") : st.putArray("conditions");
        ObjectNode c = null;
        for (JsonNode x : conds) {
            if (type.equals(x.path("type").asText())) {
                c = (ObjectNode) x;
            }
        }
        if (c == null) {
            c = conds.addObject().put("type", type);
        }
        if (!status.equals(c.path("status").asText())) {
            c.put("lastTransitionTime", Json.time(now));
        }
        c.put("status", status);
        c.putNull("lastProbeTime");
        if (reason != null) {
            c.put("reason", reason);
        } else {
            c.remove("reason");
        }
        if (message != null) {
            c.put("message", message);
        } else {
            c.remove("message");
        }
    }

    /** Records a core/v1 Event about {@code involved}. */
    void event(ObjectNode involved, String type, String reason, String message, String component) {
        if (!cfg.recordEvents || involved == null) {
            return;
        }
        String ns = Json.namespace(involved);
        if (ns.isEmpty()) {
            ns = "default";
        }
        long now = now();
        ObjectNode e = Json.object();
        e.putObject("metadata").put("name", Json.name(involved) + "." + Long.toHexString(System.nanoTime())).put("namespace", ns);
        e.putObject("involvedObject").put("kind", involved.path("kind").asText()).put("namespace", Json.namespace(involved))
            .put("name", Json.name(involved)).put("uid", involved.path("metadata").path("uid").asText())
            .put("apiVersion", involved.path("apiVersion").asText()).put("resourceVersion", involved.path("metadata").path("resourceVersion").asText());
        e.put("reason", reason).put("message", message).put("type", type).put("count", 1)
            .put("firstTimestamp", Json.time(now)).put("lastTimestamp", Json.time(now))
            .put("reportingComponent", component).put("reportingInstance", "");
        e.putObject("source").put("component", component);
        try {
            ObjectNode created = store.create(ResourceType.EVENTS, ns, e);
            synchronized (recordedEvents) {
                recordedEvents.addLast(new String[] {ns, Json.name(created)});
                while (recordedEvents.size() > MAX_EVENTS) {
                    String[] old = recordedEvents.removeFirst();
                    try {
                        store.delete(ResourceType.EVENTS, old[0], old[1], 0L, null);
                    } catch (KubeException gone) {
                        // deleted by a client
                    }
                }
            }
        } catch (KubeException ex) {
            // best effort
        }
    }
}

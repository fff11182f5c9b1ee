package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scheduler: binds pending pods to Ready, schedulable nodes that satisfy nodeSelector, required node
 * affinity, taints/tolerations, CPU/memory requests and the pod limit; least-allocated scoring. Pods that fit
 * nowhere get {@code PodScheduled=False, reason Unschedulable} with a kube-scheduler-like message.
 */
public final class Scheduler {

    static final class NodeInfo {
        final ObjectNode node;
        final String name;
        final JsonNode labels;
        final List<JsonNode> taints = new ArrayList<>();
        final long cpu;
        final long mem;
        final long maxPods;
        long usedCpu;
        long usedMem;
        long pods;
        final boolean ready;
        final boolean unschedulable;

        NodeInfo(ObjectNode node) {
            this.node = node;
            this.name = Json.name(node);
            this.labels = Selectors.labels(node);
            for (JsonNode t : node.path("spec").path("taints")) {
                String e = t.path("effect").asText();
                if (e.equals("NoSchedule") || e.equals("NoExecute")) {
                    taints.add(t);
                }
            }
            JsonNode alloc = node.path("status").path("allocatable");
            this.cpu = alloc.has("cpu") ? cpuMillis(alloc.get("cpu").asText()) : Long.MAX_VALUE / 4;
            this.mem = alloc.has("memory") ? bytes(alloc.get("memory").asText()) : Long.MAX_VALUE / 4;
            this.maxPods = alloc.has("pods") ? alloc.get("pods").asLong(110) : 110;
            this.ready = Conditions.status(node, "Ready").equals("True");
            this.unschedulable = node.path("spec").path("unschedulable").asBoolean(false);
        }
    }

    public record Requests(long cpu, long mem) {
    }

    /** Result of one pass: how many pods were bound and how many stay pending. */
    record Pass(int bound, int unschedulable) {
    }

    /** Told of every binding (the kubelet's pod start delay counts from it). */
    public interface BindListener {
        void bound(String podUid, long now);
    }

    private final KubeStore store;
    private final EventRecorder events;
    private final BindListener onBound;

    Scheduler(KubeStore store, EventRecorder events, BindListener onBound) {
        this.store = store;
        this.events = events;
        this.onBound = onBound;
    }

    public static Requests requests(JsonNode pod) {
        long cpu = 0;
        long mem = 0;
        for (JsonNode c : pod.path("spec").path("containers")) {
            JsonNode r = c.path("resources").path("requests");
            if (r.has("cpu")) {
                cpu += cpuMillis(r.get("cpu").asText());
            }
            if (r.has("memory")) {
                mem += bytes(r.get("memory").asText());
            }
        }
        return new Requests(cpu, mem);
    }

    static long cpuMillis(String q) {
        q = q.trim();
        try {
            if (q.endsWith("m")) {
                return Long.parseLong(q.substring(0, q.length() - 1));
            }
            return Math.round(Double.parseDouble(q) * 1000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static long bytes(String q) {
        q = q.trim();
        String[] suffixes = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "K", "M", "G", "T", "P", "E"};
        long[] mult = {1L << 10, 1L << 20, 1L << 30, 1L << 40, 1L << 50, 1L << 60, 1000L, 1000L, 1000_000L, 1000_000_000L,
            1000_000_000_000L, 1000_000_000_000_000L, 1000_000_000_000_000_000L};
        try {
            for (int i = 0; i < suffixes.length; i++) {
                if (q.endsWith(suffixes[i])) {
                    return Math.round(Double.parseDouble(q.substring(0, q.length() - suffixes[i].length())) * mult[i]);
                }
            }
            if (q.endsWith("m")) {
                return Math.round(Double.parseDouble(q.substring(0, q.length() - 1)) / 1000);
            }
            return Math.round(Double.parseDouble(q));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean tolerates(JsonNode pod, JsonNode taint) {
        String key = taint.path("key").asText("");
        String value = taint.path("value").asText("");
        String effect = taint.path("effect").asText("");
        for (JsonNode t : pod.path("spec").path("tolerations")) {
            String tk = t.path("key").asText("");
            String op = t.path("operator").asText("Equal");
            String te = t.path("effect").asText("");
            if (!te.isEmpty() && !te.equals(effect)) {
                continue;
            }
            if (tk.isEmpty() && op.equals("Exists")) {
                return true;
            }
            if (!tk.equals(key)) {
                continue;
            }
            if (op.equals("Exists") || t.path("value").asText("").equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** nodeSelector and required node affinity. */
    static boolean matchesNode(JsonNode pod, NodeInfo n) {
        return compile(pod).test(n);
    }

    /** nodeSelector and required node affinity of {@code pod}, compiled once per scheduling attempt. */
    static java.util.function.Predicate<NodeInfo> compile(JsonNode pod) {
        List<Map.Entry<String, String>> selector = new ArrayList<>();
        pod.path("spec").path("nodeSelector").fields().forEachRemaining(e -> selector.add(Map.entry(e.getKey(), e.getValue().asText())));
        JsonNode terms = pod.path("spec").path("affinity").path("nodeAffinity")
            .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms");
        List<List<Selectors.LabelPredicate>> labelTerms = new ArrayList<>();
        List<List<Selectors.LabelPredicate>> fieldTerms = new ArrayList<>();
        boolean hasTerms = terms.isArray() && !terms.isEmpty();
        if (hasTerms) {
            for (JsonNode term : terms) {
                if (!term.has("matchExpressions") && !term.has("matchFields")) {
                    continue;
                }
                List<Selectors.LabelPredicate> l = new ArrayList<>();
                for (JsonNode ex : term.path("matchExpressions")) {
                    l.add(Selectors.expression(ex));
                }
                List<Selectors.LabelPredicate> f = new ArrayList<>();
                for (JsonNode ex : term.path("matchFields")) {
                    f.add(Selectors.expression(ex));
                }
                labelTerms.add(l);
                fieldTerms.add(f);
            }
        }
        return n -> {
            for (Map.Entry<String, String> e : selector) {
                JsonNode v = n.labels.get(e.getKey());
                if (v == null || !v.asText().equals(e.getValue())) {
                    return false;
                }
            }
            if (!hasTerms) {
                return true;
            }
            for (int i = 0; i < labelTerms.size(); i++) {
                boolean ok = true;
                for (Selectors.LabelPredicate p : labelTerms.get(i)) {
                    if (!p.test(n.labels)) {
                        ok = false;
                        break;
                    }
                }
                if (ok && !fieldTerms.get(i).isEmpty()) {
                    ObjectNode fields = Json.object().put("metadata.name", n.name);
                    for (Selectors.LabelPredicate p : fieldTerms.get(i)) {
                        if (!p.test(fields)) {
                            ok = false;
                            break;
                        }
                    }
                }
                if (ok) {
                    return true;
                }
            }
            return false;
        };
    }

    /** One pass over all pending pods. {@code retryAll}: also retry pods that were unschedulable recently. */
    Pass schedule(boolean retryAll, long now, long retryMillis, Map<String, Long> lastAttempt) {
        List<ObjectNode> pending = new ArrayList<>();
        Map<String, NodeInfo> nodes = new TreeMap<>();
        store.locked(() -> {
            for (ObjectNode n : store.list(ResourceType.NODES)) {
                NodeInfo ni = new NodeInfo(n);
                nodes.put(ni.name, ni);
            }
            for (ObjectNode p : store.list(ResourceType.PODS)) {
                String nodeName = p.path("spec").path("nodeName").asText("");
                if (nodeName.isEmpty()) {
                    if (!p.path("metadata").has("deletionTimestamp")
                        && "default-scheduler".equals(p.path("spec").path("schedulerName").asText("default-scheduler"))) {
                        pending.add(p);
                    }
                    continue;
                }
                NodeInfo ni = nodes.get(nodeName);
                if (ni != null && !Disruptions.isTerminal(p)) {
                    Requests r = requests(p);
                    ni.usedCpu += r.cpu;
                    ni.usedMem += r.mem;
                    ni.pods++;
                }
            }
            return null;
        });
        if (pending.isEmpty()) {
            return new Pass(0, 0);
        }
        List<NodeInfo> candidates = new ArrayList<>();
        for (NodeInfo n : nodes.values()) {
            if (n.ready && !n.unschedulable) {
                candidates.add(n);
            }
        }
        int bound = 0;
        int failed = 0;
        for (ObjectNode pod : pending) {
            String uid = pod.path("metadata").path("uid").asText();
            Long last = lastAttempt.get(uid);
            if (!retryAll && last != null && now - last < retryMillis) {
                failed++;
                continue;
            }
            Requests r = requests(pod);
            java.util.function.Predicate<NodeInfo> fitsNode = compile(pod);
            NodeInfo best = null;
            double bestScore = -1;
            int selectorMiss = 0;
            int taintMiss = 0;
            int cpuMiss = 0;
            int memMiss = 0;
            int podsMiss = 0;
            Map<String, Integer> taintKeys = new HashMap<>();
            for (NodeInfo n : candidates) {
                if (!fitsNode.test(n)) {
                    selectorMiss++;
                    continue;
                }
                JsonNode untolerated = null;
                for (JsonNode t : n.taints) {
                    if (!tolerates(pod, t)) {
                        untolerated = t;
                        break;
                    }
                }
                if (untolerated != null) {
                    taintMiss++;
                    String k = untolerated.path("key").asText() + (untolerated.has("value") ? ": " + untolerated.path("value").asText() : "");
                    taintKeys.merge(k, 1, Integer::sum);
                    continue;
                }
                boolean fits = true;
                if (n.pods + 1 > n.maxPods) {
                    podsMiss++;
                    fits = false;
                }
                if (n.usedCpu + r.cpu > n.cpu) {
                    cpuMiss++;
                    fits = false;
                }
                if (n.usedMem + r.mem > n.mem) {
                    memMiss++;
                    fits = false;
                }
                if (!fits) {
                    continue;
                }
                double score = (double) (n.cpu - n.usedCpu - r.cpu) / Math.max(1, n.cpu)
                    + (double) (n.mem - n.usedMem - r.mem) / Math.max(1, n.mem) - n.pods / (double) Math.max(1, n.maxPods);
                if (score > bestScore) {
                    bestScore = score;
                    best = n;
                }
            }
            String ns = Json.namespace(pod);
            String name = Json.name(pod);
            if (best != null) {
                NodeInfo target = best;
                ObjectNode after = store.locked(() -> {
                    ObjectNode cur = store.find(ResourceType.PODS, ns, name);
                    if (cur == null || !cur.path("metadata").path("uid").asText().equals(uid)
                        || !cur.path("spec").path("nodeName").asText("").isEmpty()) {
                        return null;
                    }
                    return store.mutate(ResourceType.PODS, ns, name, p -> {
                        ((ObjectNode) p.get("spec")).put("nodeName", target.name);
                        Conditions.set(p, "PodScheduled", "True", null, null, now);
                    });
                });
                if (after != null) {
                    best.usedCpu += r.cpu;
                    best.usedMem += r.mem;
                    best.pods++;
                    bound++;
                    lastAttempt.remove(uid);
                    onBound.bound(uid, now);
                    events.record(after, "Normal", "Scheduled", "Successfully assigned " + ns + "/" + name + " to " + target.name, "default-scheduler");
                }
            } else {
                failed++;
                lastAttempt.put(uid, now);
                List<String> why = new ArrayList<>();
                int notReady = 0;
                int cordoned = 0;
                for (NodeInfo n : nodes.values()) {
                    if (!n.ready) {
                        notReady++;
                    } else if (n.unschedulable) {
                        cordoned++;
                    }
                }
                if (podsMiss > 0) {
                    why.add(podsMiss + " Too many pods");
                }
                if (cpuMiss > 0) {
                    why.add(cpuMiss + " Insufficient cpu");
                }
                if (memMiss > 0) {
                    why.add(memMiss + " Insufficient memory");
                }
                if (selectorMiss > 0) {
                    why.add(selectorMiss + " node(s) didn't match Pod's node affinity/selector");
                }
                taintKeys.forEach((k, v) -> why.add(v + " node(s) had untolerated taint {" + k + "}"));
                if (notReady > 0) {
                    why.add(notReady + " node(s) were not ready");
                }
                if (cordoned > 0) {
                    why.add(cordoned + " node(s) were unschedulable");
                }
                why.sort(null);
                String msg = "0/" + nodes.size() + " nodes are available" + (why.isEmpty() ? "." : ": " + String.join(", ", why) + ".")
                    + " preemption: 0/" + nodes.size() + " nodes are available: " + nodes.size() + " Preemption is not helpful for scheduling.";
                String prev = null;
                for (JsonNode c : pod.path("status").path("conditions")) {
                    if ("PodScheduled".equals(c.path("type").asText())) {
                        prev = c.path("message").asText(null);
                    }
                }
                if (!msg.equals(prev)) {
                    ObjectNode after = store.locked(() -> {
                        ObjectNode cur = store.find(ResourceType.PODS, ns, name);
                        if (cur == null || !cur.path("spec").path("nodeName").asText("").isEmpty()) {
                            return null;
                        }
                        return store.mutate(ResourceType.PODS, ns, name,
                            p -> Conditions.set(p, "PodScheduled", "False", "Unschedulable", msg, now));
                    });
                    if (after != null) {
                        events.record(after, "Warning", "FailedScheduling", msg, "default-scheduler");
                    }
                }
            }
        }
        return new Pass(bound, failed);
    }
}

package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The API server's storage: every object of every served resource as JSON, one global resourceVersion
 * counter, a bounded change history for watches resuming from a resourceVersion, and watchers. All
 * methods are thread-safe (one lock). Returned objects are the stored instances: never modify them.
 */
public final class KubeStore {
    public static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private final ReentrantLock lock = new ReentrantLock();
    private final LongSupplier clock;
    private final Map<ResourceType, TreeMap<String, ObjectNode>> data = new HashMap<>();
    private final Watches watches;
    private long rv = 1;
    private volatile Runnable changeListener = () -> { };
    /** Admission plugins of the control plane for new pods (DefaultTolerationSeconds), after the built-in defaults. */
    private volatile java.util.function.Consumer<ObjectNode> podAdmission = p -> { };
    /** Custom resource types registered by the stored CRDs (recomputed on every CRD change, under the lock). */
    private volatile List<ResourceType> customTypes = List.of();

    public KubeStore(LongSupplier clock) {
        this(clock, 50_000);
    }

    public KubeStore(LongSupplier clock, int historyLimit) {
        this.clock = clock;
        this.watches = new Watches(lock, historyLimit);
        for (ResourceType t : ResourceType.ALL) {
            data.put(t, new TreeMap<>());
        }
        for (String ns : SYSTEM_NAMESPACES) {
            ObjectNode n = Json.object();
            n.putObject("metadata").put("name", ns).putObject("labels").put("kubernetes.io/metadata.name", ns);
            create(ResourceType.NAMESPACES, null, n);
        }
    }

    public long now() {
        return clock.getAsLong();
    }

    public void setPodAdmission(java.util.function.Consumer<ObjectNode> plugin) {
        this.podAdmission = plugin == null ? p -> { } : plugin;
    }

    public void setChangeListener(Runnable r) {
        this.changeListener = r == null ? () -> { } : r;
    }

    public long resourceVersion() {
        lock.lock();
        try {
            return rv;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} atomically with respect to every other store operation. */
    public <T> T locked(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Every served resource type: the built-in ones, then the custom resources of the stored CRDs. */
    public List<ResourceType> types() {
        List<ResourceType> custom = customTypes;
        if (custom.isEmpty()) {
            return ResourceType.ALL;
        }
        List<ResourceType> all = new ArrayList<>(ResourceType.ALL);
        all.addAll(custom);
        return all;
    }

    /** The served resource type of group/version/plural, or null (a custom resource needs a stored CRD). */
    public ResourceType findType(String group, String version, String plural) {
        ResourceType t = ResourceType.find(group, version, plural);
        if (t != null) {
            return t;
        }
        for (ResourceType c : customTypes) {
            if (c.group().equals(group) && c.version().equals(version) && c.plural().equals(plural)) {
                return c;
            }
        }
        return null;
    }

    private TreeMap<String, ObjectNode> table(ResourceType t) {
        return data.computeIfAbsent(t, k -> new TreeMap<>());
    }

    /** Re-reads the stored CRDs; the objects of a custom resource whose CRD (or served version) is gone are deleted. */
    private void refreshCustomTypes() {
        List<ResourceType> before = customTypes;
        List<ResourceType> after = CustomResources.typesOf(table(ResourceType.CRDS).values());
        customTypes = after;
        for (ResourceType gone : before) {
            if (!after.contains(gone)) {
                TreeMap<String, ObjectNode> objects = data.get(gone);
                if (objects != null) {
                    for (Map.Entry<String, ObjectNode> e : new ArrayList<>(objects.entrySet())) {
                        remove(gone, e.getKey(), e.getValue());
                    }
                    data.remove(gone);
                }
            }
        }
    }

    static String key(ResourceType t, String ns, String name) {
        return t.namespaced() ? ns + "/" + name : name;
    }

    // ------------------------------------------------------------------ reads

    public ObjectNode find(ResourceType t, String ns, String name) {
        lock.lock();
        try {
            return table(t).get(key(t, ns, name));
        } finally {
            lock.unlock();
        }
    }

    public ObjectNode get(ResourceType t, String ns, String name) {
        ObjectNode o = find(t, ns, name);
        if (o == null) {
            throw KubeException.notFound(t, name);
        }
        return o;
    }

    /** Objects of {@code t} in {@code ns} (null: all namespaces) matching the selectors, in key order. */
    public List<ObjectNode> list(ResourceType t, String ns, Selectors.LabelPredicate labels, Predicate<ObjectNode> fields) {
        lock.lock();
        try {
            TreeMap<String, ObjectNode> m = table(t);
            Iterable<ObjectNode> src = ns == null || !t.namespaced() ? m.values() : m.subMap(ns + "/", ns + "0").values();
            List<ObjectNode> out = new ArrayList<>();
            for (ObjectNode o : src) {
                if ((labels == null || labels.test(Selectors.labels(o))) && (fields == null || fields.test(o))) {
                    out.add(o);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    public List<ObjectNode> list(ResourceType t) {
        return list(t, null, null, null);
    }

    public int count(ResourceType t) {
        lock.lock();
        try {
            return table(t).size();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ writes

    public ObjectNode create(ResourceType t, String ns, ObjectNode in) {
        lock.lock();
        try {
            ObjectNode o = in.deepCopy();
            o.put("apiVersion", t.apiVersion());
            o.put("kind", t.kind());
            ObjectNode m = Json.meta(o);
            String requestNs = ns;
            String name = Admission.name(t, m, n -> table(t).containsKey(key(t, requestNs, n)));
            ns = Admission.namespace(t, m, ns, n -> table(ResourceType.NAMESPACES).containsKey(n));
            String k = key(t, ns, name);
            if (table(t).containsKey(k)) {
                throw KubeException.alreadyExists(t, name);
            }
            long now = clock.getAsLong();
            m.put("uid", UUID.randomUUID().toString());
            m.put("creationTimestamp", Json.time(now));
            m.put("generation", 1);
            m.remove("deletionTimestamp");
            m.remove("deletionGracePeriodSeconds");
            m.remove("managedFields");
            if (t == ResourceType.CRDS) {
                CustomResources.validate(o);
                CustomResources.status(o, now);
            }
            Admission.defaults(t, o);
            if (t == ResourceType.PODS) {
                podAdmission.accept(o);
            }
            m.put("resourceVersion", Long.toString(++rv));
            table(t).put(k, o);
            emit(new Watches.Change(rv, t, "ADDED", null, o));
            return o;
        } finally {
            lock.unlock();
        }
    }

    /** Replaces an object (PUT); {@code status}: the status subresource (only status changes). */
    public ObjectNode update(ResourceType t, String ns, String name, ObjectNode in, boolean status) {
        lock.lock();
        try {
            String k = key(t, ns, name);
            ObjectNode cur = table(t).get(k);
            if (cur == null) {
                throw KubeException.notFound(t, name);
            }
            ObjectNode next = Admission.replacement(t, name, cur, in, status);
            return commit(t, k, cur, next);
        } finally {
            lock.unlock();
        }
    }

    /** Controllers' read-modify-write: {@code fn} edits a copy of the current object. Returns null if it does not exist. */
    public ObjectNode mutate(ResourceType t, String ns, String name, Consumer<ObjectNode> fn) {
        lock.lock();
        try {
            String k = key(t, ns, name);
            ObjectNode cur = table(t).get(k);
            if (cur == null) {
                return null;
            }
            ObjectNode next = cur.deepCopy();
            fn.accept(next);
            return commit(t, k, cur, next);
        } finally {
            lock.unlock();
        }
    }

    private ObjectNode commit(ResourceType t, String k, ObjectNode cur, ObjectNode next) {
        ObjectNode m = Json.meta(next);
        m.put("resourceVersion", cur.path("metadata").path("resourceVersion").asText());
        if (next.equals(cur)) {
            return cur;
        }
        if (!next.path("spec").equals(cur.path("spec"))) {
            m.put("generation", cur.path("metadata").path("generation").asLong(1) + 1);
        }
        if (m.has("deletionTimestamp") && finalizersEmpty(next)
            && (t != ResourceType.PODS || m.path("deletionGracePeriodSeconds").asLong(0) == 0)) {
            return remove(t, k, next);
        }
        m.put("resourceVersion", Long.toString(++rv));
        table(t).put(k, next);
        emit(new Watches.Change(rv, t, "MODIFIED", cur, next));
        return next;
    }

    private static boolean finalizersEmpty(ObjectNode o) {
        return o.path("metadata").path("finalizers").isEmpty();
    }

    private ObjectNode remove(ResourceType t, String k, ObjectNode last) {
        ObjectNode gone = table(t).remove(k);
        if (gone == null) {
            return last;
        }
        ObjectNode o = last.deepCopy();
        Json.meta(o).put("resourceVersion", Long.toString(++rv));
        emit(new Watches.Change(rv, t, "DELETED", gone, o));
        if (t == ResourceType.NAMESPACES) {
            String ns = Json.name(o);
            for (ResourceType rt : types()) {
                if (rt.namespaced()) {
                    for (ObjectNode child : new ArrayList<>(table(rt).subMap(ns + "/", ns + "0").values())) {
                        remove(rt, key(rt, ns, Json.name(child)), child);
                    }
                }
            }
        }
        return o;
    }

    /** Applies a patch (PATCH). {@code contentType} picks the patch flavour. */
    public ObjectNode patch(ResourceType t, String ns, String name, String contentType, byte[] body, boolean status) {
        String ct = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        lock.lock();
        try {
            ObjectNode cur = find(t, ns, name);
            JsonNode patch = PatchRequests.parse(t, name, ct, body);
            if (cur == null) {
                if (ct.startsWith("application/apply-patch") && patch.isObject() && !status) {
                    ObjectNode o = ((ObjectNode) patch).deepCopy();
                    Json.meta(o).put("name", name);
                    return create(t, ns, o);
                }
                throw KubeException.notFound(t, name);
            }
            JsonNode result = PatchRequests.apply(t, name, cur, ct, patch);
            return update(t, ns, name, (ObjectNode) result, status);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes an object (DELETE). A bound pod with a grace period is only marked (deletionTimestamp) and is
     * removed when its kubelet confirms: see {@link #finishPodDeletion}. {@code gracePeriod} 0 forces removal.
     */
    public ObjectNode delete(ResourceType t, String ns, String name, Long gracePeriod, JsonNode preconditions) {
        lock.lock();
        try {
            String k = key(t, ns, name);
            ObjectNode cur = table(t).get(k);
            if (cur == null) {
                throw KubeException.notFound(t, name);
            }
            if (preconditions != null && preconditions.isObject()) {
                String uid = preconditions.path("uid").asText("");
                if (!uid.isEmpty() && !uid.equals(cur.path("metadata").path("uid").asText())) {
                    throw KubeException.conflict(t, name, "Precondition failed: UID in precondition: " + uid + ", UID in object meta: "
                        + cur.path("metadata").path("uid").asText());
                }
                String prv = preconditions.path("resourceVersion").asText("");
                if (!prv.isEmpty() && !prv.equals(cur.path("metadata").path("resourceVersion").asText())) {
                    throw KubeException.conflict(t, name, "Precondition failed: ResourceVersion in precondition: " + prv
                        + ", ResourceVersion in object meta: " + cur.path("metadata").path("resourceVersion").asText());
                }
            }
            long now = clock.getAsLong();
            if (t == ResourceType.PODS) {
                String phase = cur.path("status").path("phase").asText();
                boolean bound = !cur.path("spec").path("nodeName").asText("").isEmpty();
                long g = gracePeriod != null ? gracePeriod : cur.path("spec").path("terminationGracePeriodSeconds").asLong(30);
                if (bound && g > 0 && !phase.equals("Succeeded") && !phase.equals("Failed")) {
                    if (cur.path("metadata").has("deletionTimestamp")) {
                        return cur;
                    }
                    ObjectNode next = cur.deepCopy();
                    Json.meta(next).put("deletionTimestamp", Json.time(now + g * 1000)).put("deletionGracePeriodSeconds", g);
                    return commit(t, k, cur, next);
                }
            }
            if (!finalizersEmpty(cur)) {
                ObjectNode next = cur.deepCopy();
                Json.meta(next).put("deletionTimestamp", Json.time(now)).put("deletionGracePeriodSeconds", 0);
                return commit(t, k, cur, next);
            }
            return remove(t, k, cur);
        } finally {
            lock.unlock();
        }
    }

    /** The kubelet's confirmation that a terminating pod is gone. */
    public ObjectNode finishPodDeletion(String ns, String name) {
        lock.lock();
        try {
            String k = key(ResourceType.PODS, ns, name);
            ObjectNode cur = table(ResourceType.PODS).get(k);
            return cur == null ? null : remove(ResourceType.PODS, k, cur);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ watches

    /**
     * Registers a watch. {@code fromRv} null, empty or "0": synthetic ADDED events for the current matching
     * objects first; otherwise the changes after that resourceVersion are replayed (410 if too old).
     */
    public Watch watch(ResourceType t, String ns, Selectors.LabelPredicate labels, Predicate<ObjectNode> fields, String fromRv, Watch.Sink sink) {
        lock.lock();
        try {
            return watches.add(t, ns, labels, fields, fromRv, rv, sink, (l, f) -> list(t, ns, l, f));
        } finally {
            lock.unlock();
        }
    }

    private void emit(Watches.Change c) {
        watches.append(c);
        if (c.type() == ResourceType.CRDS) {
            refreshCustomTypes();
        }
        watches.deliver(c);
        changeListener.run();
    }
}

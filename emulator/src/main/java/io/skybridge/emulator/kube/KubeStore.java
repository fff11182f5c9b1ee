package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The API server's storage: every object of every served resource as JSON, one global resourceVersion
 * counter, a bounded change history for watches resuming from a resourceVersion, and watchers. All
 * methods are thread-safe (one lock). Returned objects are the stored instances: never modify them.
 */
public final class KubeStore {
    public static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final String ALPHANUM = "bcdfghjklmnpqrstvwxz2456789";

    /** One entry of the change history. */
    record Change(long rv, ResourceType type, String kind, ObjectNode oldObj, ObjectNode newObj) {
    }

    /** Receives watch events; called under the store lock, must not block. */
    public interface WatchSink {
        void event(String type, ObjectNode object);
    }

    /** A registered watch. */
    public final class Watch implements AutoCloseable {
        final ResourceType type;
        final String namespace;
        final Selectors.LabelPredicate labels;
        final Predicate<ObjectNode> fields;
        final WatchSink sink;

        Watch(ResourceType type, String namespace, Selectors.LabelPredicate labels, Predicate<ObjectNode> fields, WatchSink sink) {
            this.type = type;
            this.namespace = namespace;
            this.labels = labels;
            this.fields = fields;
            this.sink = sink;
        }

        boolean matches(ObjectNode o) {
            return o != null && (namespace == null || namespace.equals(Json.namespace(o)))
                && labels.test(Selectors.labels(o)) && fields.test(o);
        }

        void offer(Change c) {
            boolean was = matches(c.oldObj);
            boolean is = matches(c.newObj);
            switch (c.kind) {
                case "ADDED" -> {
                    if (is) {
                        sink.event("ADDED", c.newObj);
                    }
                }
                case "DELETED" -> {
                    if (is) {
                        sink.event("DELETED", c.newObj);
                    }
                }
                default -> {
                    if (was && is) {
                        sink.event("MODIFIED", c.newObj);
                    } else if (is) {
                        sink.event("ADDED", c.newObj);
                    } else if (was) {
                        sink.event("DELETED", c.newObj);
                    }
                }
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                List<Watch> ws = watchers.get(type);
                if (ws != null) {
                    ws.remove(this);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ReentrantLock lock = new ReentrantLock();
    private final LongSupplier clock;
    private final Map<ResourceType, TreeMap<String, ObjectNode>> data = new HashMap<>();
    private final Map<ResourceType, List<Watch>> watchers = new HashMap<>();
    private final ArrayDeque<Change> history = new ArrayDeque<>();
    private final int historyLimit;
    private long rv = 1;
    private volatile Runnable changeListener = () -> { };
    /** Custom resource types registered by the stored CRDs (recomputed on every CRD change, under the lock). */
    private volatile List<ResourceType> customTypes = List.of();

    public KubeStore(LongSupplier clock) {
        this(clock, 50_000);
    }

    public KubeStore(LongSupplier clock, int historyLimit) {
        this.clock = clock;
        this.historyLimit = historyLimit;
        for (ResourceType t : ResourceType.ALL) {
            data.put(t, new TreeMap<>());
            watchers.put(t, new ArrayList<>());
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
            String name = m.path("name").asText("");
            if (name.isEmpty()) {
                String gen = m.path("generateName").asText("");
                if (gen.isEmpty()) {
                    throw KubeException.invalid(t, "", "metadata.name: Required value: name or generateName is required");
                }
                do {
                    StringBuilder sb = new StringBuilder(gen);
                    for (int i = 0; i < 5; i++) {
                        sb.append(ALPHANUM.charAt(ThreadLocalRandom.current().nextInt(ALPHANUM.length())));
                    }
                    name = sb.toString();
                } while (table(t).containsKey(key(t, ns, name)));
                m.put("name", name);
            }
            if (name.length() > 253 || !NAME.matcher(name).matches()) {
                throw KubeException.invalid(t, name, "metadata.name: Invalid value: \"" + name
                    + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'");
            }
            if (t.namespaced()) {
                String bodyNs = m.path("namespace").asText("");
                if (ns == null || ns.isEmpty()) {
                    ns = bodyNs.isEmpty() ? "default" : bodyNs;
                }
                if (!bodyNs.isEmpty() && !bodyNs.equals(ns)) {
                    throw KubeException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
                }
                ObjectNode nsObj = table(ResourceType.NAMESPACES).get(ns);
                if (nsObj == null) {
                    throw KubeException.notFound(ResourceType.NAMESPACES, ns);
                }
                m.put("namespace", ns);
            } else {
                m.remove("namespace");
            }
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
            defaults(t, o);
            m.put("resourceVersion", Long.toString(++rv));
            table(t).put(k, o);
            emit(new Change(rv, t, "ADDED", null, o));
            return o;
        } finally {
            lock.unlock();
        }
    }

    private static void defaults(ResourceType t, ObjectNode o) {
        if (t == ResourceType.PODS) {
            ObjectNode status = o.has("status") && o.get("status").isObject() ? (ObjectNode) o.get("status") : o.putObject("status");
            if (!status.has("phase")) {
                status.put("phase", "Pending");
            }
            ObjectNode spec = o.has("spec") && o.get("spec").isObject() ? (ObjectNode) o.get("spec") : o.putObject("spec");
            if (!spec.has("restartPolicy")) {
                spec.put("restartPolicy", "Always");
            }
            if (!spec.has("terminationGracePeriodSeconds")) {
                spec.put("terminationGracePeriodSeconds", 30);
            }
            if (!spec.has("schedulerName")) {
                spec.put("schedulerName", "default-scheduler");
            }
        } else if (t == ResourceType.NAMESPACES) {
            o.putObject("status").put("phase", "Active");
        } else if (t == ResourceType.DEPLOYMENTS || t == ResourceType.STATEFULSETS || t == ResourceType.REPLICASETS) {
            ObjectNode spec = o.has("spec") && o.get("spec").isObject() ? (ObjectNode) o.get("spec") : o.putObject("spec");
            if (!spec.has("replicas")) {
                spec.put("replicas", 1);
            }
            if (!o.has("status")) {
                o.putObject("status");
            }
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
            String inName = in.path("metadata").path("name").asText("");
            if (!inName.isEmpty() && !inName.equals(name)) {
                throw KubeException.badRequest("the name of the object (" + inName + ") does not match the name on the URL (" + name + ")");
            }
            String inRv = in.path("metadata").path("resourceVersion").asText("");
            String curRv = cur.path("metadata").path("resourceVersion").asText();
            if (!inRv.isEmpty() && !inRv.equals(curRv)) {
                throw KubeException.conflict(t, name, "the object has been modified; please apply your changes to the latest version and try again");
            }
            ObjectNode next;
            if (status) {
                next = cur.deepCopy();
                if (in.has("status")) {
                    next.set("status", in.get("status").deepCopy());
                } else {
                    next.remove("status");
                }
            } else {
                next = in.deepCopy();
                next.put("apiVersion", t.apiVersion());
                next.put("kind", t.kind());
                ObjectNode m = Json.meta(next);
                ObjectNode cm = (ObjectNode) cur.get("metadata");
                for (String f : List.of("uid", "creationTimestamp", "namespace", "name", "deletionTimestamp", "deletionGracePeriodSeconds", "generation")) {
                    if (cm.has(f)) {
                        m.set(f, cm.get(f));
                    } else {
                        m.remove(f);
                    }
                }
                m.remove("managedFields");
                if (t == ResourceType.CRDS) {
                    CustomResources.validate(next);
                }
                if (t.hasStatus()) {
                    if (cur.has("status")) {
                        next.set("status", cur.get("status"));
                    } else {
                        next.remove("status");
                    }
                }
            }
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
        emit(new Change(rv, t, "MODIFIED", cur, next));
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
        emit(new Change(rv, t, "DELETED", gone, o));
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
            JsonNode patch;
            try {
                patch = ct.startsWith("application/apply-patch") ? YAML.readTree(body) : Json.MAPPER.readTree(body);
            } catch (java.io.IOException e) {
                throw KubeException.invalid(t, name, "the patch is not valid JSON: " + e.getMessage());
            }
            if (patch == null || patch.isMissingNode()) {
                throw KubeException.invalid(t, name, "empty patch");
            }
            if (cur == null) {
                if (ct.startsWith("application/apply-patch") && patch.isObject() && !status) {
                    ObjectNode o = ((ObjectNode) patch).deepCopy();
                    Json.meta(o).put("name", name);
                    return create(t, ns, o);
                }
                throw KubeException.notFound(t, name);
            }
            JsonNode result;
            try {
                if (ct.startsWith("application/json-patch+json")) {
                    result = Patches.jsonPatch(cur, patch);
                } else if (ct.startsWith("application/merge-patch+json")) {
                    if (!patch.isObject()) {
                        throw new Patches.PatchException("a merge patch must be a JSON object");
                    }
                    result = Patches.mergePatch(cur, patch);
                } else if (ct.startsWith("application/strategic-merge-patch+json") || ct.startsWith("application/apply-patch")) {
                    if (!patch.isObject()) {
                        throw new Patches.PatchException("a strategic merge patch must be a JSON object");
                    }
                    result = Patches.strategicMergePatch(cur, patch);
                } else {
                    throw new KubeException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: "
                        + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json", null, null);
                }
            } catch (Patches.PatchException e) {
                throw KubeException.invalid(t, name, e.getMessage());
            }
            if (result == null || !result.isObject() || !result.path("metadata").isObject()) {
                throw KubeException.invalid(t, name, "the patched object is not a valid " + t.kind());
            }
            for (String f : List.of("spec", "status")) {
                if (result.has(f) && !result.get(f).isObject() && !result.get(f).isNull()) {
                    throw KubeException.invalid(t, name, f + ": Invalid value: must be an object");
                }
            }
            if (!name.equals(Json.name(result))) {
                throw KubeException.invalid(t, name, "metadata.name: Invalid value: field is immutable");
            }
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
    public Watch watch(ResourceType t, String ns, Selectors.LabelPredicate labels, Predicate<ObjectNode> fields, String fromRv, WatchSink sink) {
        lock.lock();
        try {
            Watch w = new Watch(t, ns, labels == null ? Selectors.EVERYTHING : labels, fields == null ? o -> true : fields, sink);
            if (fromRv == null || fromRv.isEmpty() || fromRv.equals("0")) {
                for (ObjectNode o : list(t, ns, w.labels, w.fields)) {
                    sink.event("ADDED", o);
                }
            } else {
                long from;
                try {
                    from = Long.parseLong(fromRv);
                } catch (NumberFormatException e) {
                    throw KubeException.badRequest("invalid resource version: " + fromRv);
                }
                long oldest = history.isEmpty() ? rv : history.peekFirst().rv();
                if (from < oldest - 1 && from < rv) {
                    throw new KubeException(410, "Expired", "too old resource version: " + from + " (" + (oldest - 1) + ")", null, null);
                }
                for (Change c : history) {
                    if (c.rv() > from && c.type().equals(t)) {
                        w.offer(c);
                    }
                }
            }
            watchers.computeIfAbsent(t, k -> new ArrayList<>()).add(w);
            return w;
        } finally {
            lock.unlock();
        }
    }

    private void emit(Change c) {
        history.addLast(c);
        while (history.size() > historyLimit) {
            history.removeFirst();
        }
        if (c.type() == ResourceType.CRDS) {
            refreshCustomTypes();
        }
        List<Watch> ws = watchers.getOrDefault(c.type(), List.of());
        if (!ws.isEmpty()) {
            for (Watch w : new ArrayList<>(ws)) {
                try {
                    w.offer(c);
                } catch (RuntimeException e) {
                    ws.remove(w);
                }
            }
        }
        changeListener.run();
    }
}

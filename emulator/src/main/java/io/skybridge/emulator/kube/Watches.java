package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The API server's watch machinery: the registered watches per resource type and a bounded history of changes,
 * so that a watch can resume from a resourceVersion (older than the history: 410 Expired). Used by
 * {@link KubeStore} under its lock.
 */
final class Watches {
    /** One entry of the change history. */
    record Change(long rv, ResourceType type, String kind, ObjectNode oldObj, ObjectNode newObj) {
    }

    private final ReentrantLock lock;
    private final int historyLimit;
    private final Map<ResourceType, List<Watch>> watchers = new HashMap<>();
    private final ArrayDeque<Change> history = new ArrayDeque<>();

    Watches(ReentrantLock lock, int historyLimit) {
        this.lock = lock;
        this.historyLimit = historyLimit;
    }

    /**
     * Registers a watch (caller holds the lock). {@code fromRv} null, empty or "0": ADDED events for {@code current}
     * first; otherwise the changes after that resourceVersion are replayed.
     */
    Watch add(ResourceType t, String ns, Selectors.LabelPredicate labels, Predicate<ObjectNode> fields, String fromRv, long rv,
              Watch.Sink sink, CurrentObjects current) {
        Watch w = new Watch(this, t, ns, labels == null ? Selectors.EVERYTHING : labels, fields == null ? o -> true : fields, sink);
        if (fromRv == null || fromRv.isEmpty() || fromRv.equals("0")) {
            for (ObjectNode o : current.list(w.labels, w.fields)) {
                w.added(o);
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
    }

    /** The objects a new watch starts from. */
    interface CurrentObjects {
        List<ObjectNode> list(Selectors.LabelPredicate labels, Predicate<ObjectNode> fields);
    }

    /** Appends a change to the history (caller holds the lock). */
    void append(Change c) {
        history.addLast(c);
        while (history.size() > historyLimit) {
            history.removeFirst();
        }
    }

    /** Offers a change to the watches of its type; a watch whose sink fails is dropped (caller holds the lock). */
    void deliver(Change c) {
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
    }

    void remove(Watch w) {
        lock.lock();
        try {
            List<Watch> ws = watchers.get(w.type);
            if (ws != null) {
                ws.remove(w);
            }
        } finally {
            lock.unlock();
        }
    }
}

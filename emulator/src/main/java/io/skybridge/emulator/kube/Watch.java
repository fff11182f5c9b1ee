package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Predicate;

/** A registered watch of one resource type: the changes matching its namespace and selectors go to its sink. */
public final class Watch implements AutoCloseable {
    /** Receives watch events; called under the store lock, must not block. */
    public interface Sink {
        void event(String type, ObjectNode object);
    }

    final ResourceType type;
    final String namespace;
    final Selectors.LabelPredicate labels;
    final Predicate<ObjectNode> fields;
    private final Sink sink;
    private final Watches owner;

    Watch(Watches owner, ResourceType type, String namespace, Selectors.LabelPredicate labels, Predicate<ObjectNode> fields, Sink sink) {
        this.owner = owner;
        this.type = type;
        this.namespace = namespace;
        this.labels = labels;
        this.fields = fields;
        this.sink = sink;
    }

    void added(ObjectNode o) {
        sink.event("ADDED", o);
    }

        boolean matches(ObjectNode o) {
            return o != null && (namespace == null || namespace.equals(Json.namespace(o)))
                && labels.test(Selectors.labels(o)) && fields.test(o);
        }

        void offer(Watches.Change c) {
            boolean was = matches(c.oldObj());
            boolean is = matches(c.newObj());
            switch (c.kind()) {
                case "ADDED" -> {
                    if (is) {
                        sink.event("ADDED", c.newObj());
                    }
                }
                case "DELETED" -> {
                    if (is) {
                        sink.event("DELETED", c.newObj());
                    }
                }
                default -> {
                    if (was && is) {
                        sink.event("MODIFIED", c.newObj());
                    } else if (is) {
                        sink.event("ADDED", c.newObj());
                    } else if (was) {
                        sink.event("DELETED", c.newObj());
                    }
                }
            }
        }

    @Override
    public void close() {
        owner.remove(this);
    }
}

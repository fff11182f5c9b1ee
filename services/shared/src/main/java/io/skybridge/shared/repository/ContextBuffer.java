package io.skybridge.shared.repository;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows collected on the current Vert.x duplicated context (one transaction's) instead of written one by one,
 * to be written together at the end of the transaction (the inbox's and the outbox's multi-row inserts).
 */
public final class ContextBuffer<T> {
    private final String key;

    public ContextBuffer(String name) {
        this.key = ContextBuffer.class.getName() + "." + name;
    }

    /** From now on {@link #offer} collects on this context; off a duplicated context nothing is collected. */
    public void start() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(key, new ArrayList<T>());
        }
    }

    /** Collects {@code row} if this context is collecting. @return false when the caller must write it itself */
    public boolean offer(T row) {
        Context context = Vertx.currentContext();
        List<T> rows = context == null ? null : context.getLocal(key);
        if (rows == null) {
            return false;
        }
        rows.add(row);
        return true;
    }

    /** How many rows this context collected so far (0 when it is not collecting): a mark for {@link #truncate}. */
    public int size() {
        Context context = Vertx.currentContext();
        List<T> rows = context == null ? null : context.getLocal(key);
        return rows == null ? 0 : rows.size();
    }

    /** Drops the rows collected after {@code mark} (what a refused record of a batch had collected). */
    public void truncate(int mark) {
        Context context = Vertx.currentContext();
        List<T> rows = context == null ? null : context.getLocal(key);
        if (rows != null && rows.size() > mark) {
            rows.subList(mark, rows.size()).clear();
        }
    }

    /** Stops collecting. @return what was collected, or null when this context was not collecting */
    public List<T> stop() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return null;
        }
        List<T> rows = context.getLocal(key);
        context.removeLocal(key);
        return rows;
    }
}

package io.skybridge.shared.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Set-based SQL for the hot paths that write or read hundreds of rows per transaction (a poll batch's inbox,
 * outbox and model rows): statements with positional parameters ({@code $1}, {@code $2}, …) run on the
 * session's own connection, so inside its transaction, without Hibernate's query interpretation (which is
 * costly for statements with thousands of parameters). They bypass the persistence context: use them for rows
 * no managed entity of the same session holds.
 */
public final class BulkSql {
    /** PostgreSQL's limit on the parameters of one statement is 65,535; stay well below it. */
    private static final int MAX_PARAMETERS = 30_000;

    private BulkSql() {
    }

    /** Runs an INSERT/UPDATE/DELETE with positional parameters. @return the affected row count */
    public static Uni<Integer> update(Mutiny.Session session, String sql, List<Object> parameters) {
        Object[] values = parameters.stream().map(BulkSql::value).toArray();
        return Uni.createFrom().completionStage(() -> connection(session).update(sql, values));
    }

    /** Runs a SELECT with positional parameters; each row as its column values. */
    public static Uni<List<Object[]>> select(Mutiny.Session session, String sql, List<Object> parameters) {
        Object[] values = parameters.stream().map(BulkSql::value).toArray();
        return Uni.createFrom().completionStage(() -> connection(session).select(sql, values)).map(result -> {
            List<Object[]> rows = new ArrayList<>(result.size());
            result.forEachRemaining(rows::add);
            return rows;
        });
    }

    /**
     * Inserts {@code rows} with multi-row statements: {@code head} (e.g. {@code insert into t (a, b)}), then
     * {@code values ($1, $2), ($3, $4), …}, then {@code tail} (e.g. an {@code on conflict} clause, or empty);
     * each row's values in column order from {@code columns}. As many statements as the parameter limit needs.
     */
    public static <T> Uni<Void> insertRows(Mutiny.Session session, String head, String tail, List<T> rows,
                                           Function<T, Object[]> columns) {
        return insertRows(session, head, tail, rows, columns, false).replaceWithVoid();
    }

    /** {@link #insertRows} with a {@code returning …} tail: the rows it returns, in insertion order. */
    public static <T> Uni<List<Object[]>> insertRowsReturning(Mutiny.Session session, String head, String returning,
                                                              List<T> rows, Function<T, Object[]> columns) {
        return insertRows(session, head, returning, rows, columns, true);
    }

    private static <T> Uni<List<Object[]>> insertRows(Mutiny.Session session, String head, String tail, List<T> rows,
                                                      Function<T, Object[]> columns, boolean returning) {
        List<Object[]> returned = new ArrayList<>();
        if (rows.isEmpty()) {
            return Uni.createFrom().item(returned);
        }
        int width = columns.apply(rows.get(0)).length;
        int perStatement = Math.max(1, MAX_PARAMETERS / width);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<T> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            chain = chain.chain(() -> {
                StringBuilder sql = new StringBuilder(head).append(" values ");
                List<Object> parameters = new ArrayList<>(chunk.size() * width);
                for (T row : chunk) {
                    Object[] values = columns.apply(row);
                    if (values.length != width) {
                        throw new IllegalArgumentException("rows of different widths for " + head);
                    }
                    sql.append(parameters.isEmpty() ? "(" : ", (");
                    for (int c = 0; c < width; c++) {
                        parameters.add(values[c]);
                        sql.append(c == 0 ? "$" : ", $").append(parameters.size());
                    }
                    sql.append(')');
                }
                if (!tail.isEmpty()) {
                    sql.append(' ').append(tail);
                }
                return returning
                        ? select(session, sql.toString(), parameters).invoke(returned::addAll).replaceWithVoid()
                        : update(session, sql.toString(), parameters).replaceWithVoid();
            });
        }
        return chain.replaceWith(returned);
    }

    /** A timestamp column read back as an {@link Instant} (PostgreSQL's timestamptz arrives as an OffsetDateTime). */
    public static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (column instanceof java.time.LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        return (Instant) column;
    }

    /** The value as the PostgreSQL client takes it: instants as UTC offset date-times, bytes as a buffer. */
    private static Object value(Object v) {
        if (v instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (v instanceof byte[] bytes) {
            return Buffer.buffer(bytes);
        }
        return v;
    }

    private static ReactiveConnection connection(Mutiny.Session session) {
        if (session instanceof MutinySessionImpl impl) {
            return impl.getReactiveConnection();
        }
        throw new IllegalStateException("not a Hibernate Reactive Mutiny session: " + session.getClass());
    }
}

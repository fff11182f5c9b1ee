package io.skybridge.shared.domain;

import java.sql.SQLException;

/**
 * How a failure is described wherever it is recorded or logged (events, REST views, DLQ headers, outbox rows, log
 * lines): a database error by its exception class and SQLSTATE only, since the driver's text can echo the statement
 * and a row's values (a pre-shared key, a token); anything else by its class and the first line of its message,
 * bounded.
 */
public final class Failures {
    private static final int MAX = 300;

    private Failures() {
    }

    public static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        String sqlState = sqlState(failure);
        if (sqlState != null || isDatabaseError(failure)) {
            return failure.getClass().getSimpleName() + " (SQLSTATE " + (sqlState == null ? "unknown" : sqlState) + ")";
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        String text = failure.getClass().getSimpleName() + ": " + line;
        return text.length() > MAX ? text.substring(0, MAX - 1) + "…" : text;
    }

    /** The SQLSTATE of the first database error in the cause chain, or null. */
    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState();
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (t instanceof org.hibernate.JDBCException jdbc && jdbc.getSQLState() != null) {
                return jdbc.getSQLState();
            }
        }
        return null;
    }

    private static boolean isDatabaseError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.sqlclient.DatabaseException || t instanceof SQLException
                    || t instanceof org.hibernate.JDBCException || t instanceof jakarta.persistence.PersistenceException) {
                return true;
            }
        }
        return false;
    }
}

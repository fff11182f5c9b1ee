package io.skybridge.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * A real PostgreSQL server for tests: an embedded one (zonky) started once per JVM, or the external
 * server named by {@code SKYBRIDGE_TEST_PG_URL} (a {@code jdbc:postgresql://host:port/db} URL, with
 * {@code SKYBRIDGE_TEST_PG_USER} / {@code SKYBRIDGE_TEST_PG_PASSWORD}).
 */
public final class Postgres {
    private static Postgres instance;

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final EmbeddedPostgres embedded;

    private Postgres(String jdbcUrl, String username, String password, EmbeddedPostgres embedded) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.embedded = embedded;
    }

    public static synchronized Postgres shared() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "postgres-stop"));
        }
        return instance;
    }

    private static Postgres start() {
        String external = System.getenv("SKYBRIDGE_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            return new Postgres(external, System.getenv().getOrDefault("SKYBRIDGE_TEST_PG_USER", "postgres"),
                    System.getenv().getOrDefault("SKYBRIDGE_TEST_PG_PASSWORD", ""), null);
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new Postgres(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The same database as a Vert.x reactive URL ({@code postgresql://host:port/db}). */
    public String reactiveUrl() {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return "postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    private void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the JVM is going away
            }
        }
    }
}

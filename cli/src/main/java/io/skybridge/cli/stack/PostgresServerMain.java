package io.skybridge.cli.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The local stack's PostgreSQL, run in its own JVM: {@code PostgresServerMain <dataDir> <port> <readyFile>}.
 * The data directory is kept between runs; the database {@code skybridge} is created when missing.
 * Stops PostgreSQL when the JVM is terminated.
 */
public final class PostgresServerMain {
    public static final String DATABASE = "skybridge";

    private PostgresServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Path readyFile = Path.of(args[2]);
        Files.deleteIfExists(readyFile);
        Files.createDirectories(data);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception ignored) {
                // exiting
            }
        }, "postgres-stop"));
        try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
        }
        Files.writeString(readyFile, Integer.toString(port));
        System.out.println("PostgreSQL ready on 127.0.0.1:" + port + ", database " + DATABASE + ", data " + data);
        Thread.currentThread().join();
    }
}

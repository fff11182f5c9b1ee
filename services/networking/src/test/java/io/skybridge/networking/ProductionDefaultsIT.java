package io.skybridge.networking;

import io.skybridge.testing.KafkaBroker;
import io.skybridge.testing.Postgres;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service in the production profile, as a Deployment runs it, with a reachable database and broker but
 * without Kafka credentials: it must refuse to start (SASL_SSL is the default) rather than run on PLAINTEXT.
 */
class ProductionDefaultsIT {

    @Test
    void shouldRefuseToStartInProductionWithoutKafkaCredentials() throws Exception {
        File jar = new File("target/quarkus-app/quarkus-run.jar");
        assertTrue(jar.isFile(), jar + " is built in the package phase");
        Postgres pg = Postgres.shared();
        File log = File.createTempFile("networking-prod", ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dquarkus.http.port=0", "-jar", jar.getAbsolutePath()))
                .redirectErrorStream(true).redirectOutput(log);
        pb.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("SKYBRIDGE_") || k.startsWith("QUARKUS_"));
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.shared().bootstrapServers());
        pb.environment().put("SKYBRIDGE_DB_JDBC_URL", pg.jdbcUrl());
        pb.environment().put("SKYBRIDGE_DB_URL", pg.reactiveUrl());
        pb.environment().put("SKYBRIDGE_DB_USER", pg.username());
        pb.environment().put("SKYBRIDGE_DB_PASSWORD", pg.password());
        pb.environment().put("SKYBRIDGE_LEADER_ENABLED", "false");
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the service exits instead of running: " + Files.readString(log.toPath()));
            String out = Files.readString(log.toPath());
            assertNotEquals(0, p.exitValue(), out);
            assertTrue(out.contains("refusing to start with insecure production settings"), out);
            assertTrue(out.contains("KAFKA_SASL_JAAS_CONFIG"), out);
        } finally {
            p.destroyForcibly();
        }
    }
}

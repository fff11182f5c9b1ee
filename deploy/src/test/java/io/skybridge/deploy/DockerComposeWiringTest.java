package io.skybridge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parses docker-compose.yml and checks it is wired like production, against the services' config. */
class DockerComposeWiringTest {

    private static JsonNode services;

    @BeforeAll
    static void parse() throws IOException {
        services = Repo.YAML.readTree(Repo.path("docker-compose.yml").toFile()).get("services");
    }

    @Test
    void kafka_is_the_official_apache_image_in_kraft_mode_with_a_healthcheck() {
        JsonNode kafka = services.get("kafka");
        assertTrue(kafka.get("image").asText().startsWith("apache/kafka:"));
        assertEquals("broker,controller", kafka.path("environment").path("KAFKA_PROCESS_ROLES").asText());
        assertTrue(kafka.path("environment").path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText().startsWith("1@kafka:"));
        assertTrue(kafka.path("healthcheck").path("test").toString().contains("kafka-broker-api-versions"));
    }

    @Test
    void every_catalogue_topic_is_created_before_the_services_start() {
        String script = services.get("kafka-topics").path("command").toString();
        for (String topic : Repo.catalogueTopics()) {
            assertTrue(script.contains(" " + topic + " ") || script.contains(" " + topic + ";"), "kafka-topics must create " + topic);
        }
        assertEquals("service_healthy", services.get("kafka-topics").path("depends_on").path("kafka").path("condition").asText());
    }

    @Test
    void postgres_creates_a_role_and_schema_per_service_from_the_shared_init_script() {
        JsonNode pg = services.get("postgres");
        assertTrue(pg.get("image").asText().startsWith("postgres:"));
        assertTrue(pg.path("volumes").toString().contains("./deploy/k8s/base/postgres/init-skybridge.sh:/docker-entrypoint-initdb.d/"));
        assertTrue(pg.path("healthcheck").path("test").toString().contains("pg_isready"));
        for (String svc : Repo.SERVICES) {
            String var = svc.toUpperCase() + "_DB_PASSWORD";
            assertTrue(pg.path("environment").path(var).asText().startsWith("${" + var + ":?"), var + " only by reference to .env");
        }
        assertTrue(Files.isExecutable(Repo.path("deploy/k8s/base/postgres/init-skybridge.sh")));
    }

    @Test
    void the_emulator_is_built_from_emulator_and_exposes_its_four_ports() {
        JsonNode emu = services.get("emulator");
        assertEquals("./emulator", emu.path("build").path("context").asText());
        assertTrue(emu.path("build").path("dockerfile_inline").asText().contains("target/skybridge-emulator.jar"));
        Set<String> ports = new TreeSet<>();
        emu.path("ports").forEach(p -> ports.add(p.asText()));
        assertEquals(Set.of("4566:4566", "4567:4567", "4570:4570", "6443:6443"), ports);
        assertFalse(emu.path("healthcheck").isMissingNode());
    }

    @Test
    void every_service_is_built_from_its_dockerfile_and_sets_only_variables_it_reads() {
        for (String svc : Repo.SERVICES) {
            JsonNode s = services.get(svc);
            int port = Repo.httpPort(svc);
            assertEquals("./services/" + svc, s.path("build").path("context").asText(), svc);
            assertEquals("src/main/docker/Dockerfile.jvm", s.path("build").path("dockerfile").asText(), svc);
            assertTrue(Files.isRegularFile(Repo.path("services/" + svc + "/src/main/docker/Dockerfile.jvm")), svc);
            assertEquals(List.of(port + ":" + port), List.of(s.path("ports").get(0).asText()), svc);
            Set<String> vars = new TreeSet<>();
            s.path("environment").fieldNames().forEachRemaining(vars::add);
            Set<String> reads = Repo.envVarsRead(svc);
            assertTrue(reads.containsAll(vars), svc + " sets variables it never reads: "
                    + vars.stream().filter(v -> !reads.contains(v)).toList());
            assertTrue(vars.containsAll(List.of("KAFKA_BOOTSTRAP_SERVERS", "SKYBRIDGE_DB_JDBC_URL", "SKYBRIDGE_DB_URL",
                    "SKYBRIDGE_DB_USER", "SKYBRIDGE_DB_PASSWORD")), svc + ": " + vars);
            JsonNode env = s.path("environment");
            JsonNode merged = env;
            assertEquals("kafka:19092", merged.path("KAFKA_BOOTSTRAP_SERVERS").asText(), svc);
            assertEquals("jdbc:postgresql://postgres:5432/skybridge", merged.path("SKYBRIDGE_DB_JDBC_URL").asText(), svc);
            assertEquals("postgresql://postgres:5432/skybridge", merged.path("SKYBRIDGE_DB_URL").asText(), svc);
            assertEquals("skybridge_" + svc, env.path("SKYBRIDGE_DB_USER").asText(), svc);
            String upper = svc.toUpperCase() + "_DB_PASSWORD";
            assertTrue(env.path("SKYBRIDGE_DB_PASSWORD").asText().startsWith("${" + upper + ":?"), svc + ": password only from .env");
            // starts after its dependencies are healthy
            JsonNode deps = s.path("depends_on");
            JsonNode dep = deps;
            assertEquals("service_healthy", dep.path("kafka").path("condition").asText(), svc);
            assertEquals("service_healthy", dep.path("postgres").path("condition").asText(), svc);
            assertEquals("service_completed_successfully", dep.path("kafka-topics").path("condition").asText(), svc);
            if (!svc.equals("inventory")) {
                assertEquals("service_healthy", deps.path("emulator").path("condition").asText(), svc);
            }
            assertTrue(s.path("healthcheck").path("test").toString().contains("http://localhost:" + port + "/q/health/ready"), svc);
            assertTrue(s.path("read_only").asBoolean(), svc + " read-only root filesystem");
            assertEquals("ALL", s.path("cap_drop").get(0).asText(), svc);
        }
    }

    @Test
    void the_compose_file_uses_no_yaml_anchors_so_every_service_is_explicit() {
        String text = Repo.read("docker-compose.yml");
        assertFalse(text.contains("<<:") || text.contains(": &"), "no merge keys / anchors");
    }

    @Test
    void no_literal_password_is_committed_in_the_compose_file() {
        String text = Repo.read("docker-compose.yml");
        for (String line : text.split("\n")) {
            if (line.contains("PASSWORD:")) {
                String value = line.substring(line.indexOf("PASSWORD:") + 9).trim();
                assertTrue(value.startsWith("${") && value.contains(":?"), "literal password: " + line.trim());
            }
        }
    }
}

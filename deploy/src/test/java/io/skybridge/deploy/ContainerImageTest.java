package io.skybridge.deploy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerImageTest {

    @Test
    void every_service_has_a_quarkus_style_jvm_dockerfile_running_as_185_on_its_port() {
        for (String svc : Repo.SERVICES) {
            String df = Repo.read("services/" + svc + "/src/main/docker/Dockerfile.jvm");
            assertTrue(df.lines().anyMatch(l -> l.startsWith("FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:")), svc);
            for (String layer : new String[] {"lib/", "*.jar", "app/", "quarkus/"}) {
                assertTrue(df.contains("COPY --chown=185 target/quarkus-app/" + layer), svc + " copies " + layer);
            }
            assertEquals(1, df.lines().filter(l -> l.equals("EXPOSE " + Repo.httpPort(svc))).count(), svc + " EXPOSE");
            assertTrue(df.lines().anyMatch(l -> l.equals("USER 185")), svc);
            assertTrue(df.contains("ENTRYPOINT [ \"/opt/jboss/container/java/run/run-java.sh\" ]"), svc);
        }
    }

    @Test
    void the_prod_profile_reads_kafka_sasl_ssl_and_database_settings_from_the_environment() {
        for (String svc : Repo.SERVICES) {
            var p = Repo.applicationProperties(svc);
            assertEquals("${KAFKA_SECURITY_PROTOCOL:SASL_SSL}", p.getProperty("%prod.kafka.security.protocol"),
                    svc + ": production fails closed (SASL_SSL unless PLAINTEXT is asked for)");
            assertEquals("${KAFKA_SASL_MECHANISM:SCRAM-SHA-512}", p.getProperty("%prod.kafka.sasl.mechanism"), svc);
            assertEquals("${KAFKA_SASL_JAAS_CONFIG:}", p.getProperty("%prod.kafka.sasl.jaas.config"), svc);
            assertEquals("${KAFKA_SSL_TRUSTSTORE_LOCATION:}", p.getProperty("%prod.kafka.ssl.truststore.location"), svc);
            assertEquals("${SKYBRIDGE_DB_PASSWORD:}", p.getProperty("%prod.quarkus.datasource.password"), svc);
            p.stringPropertyNames().stream().filter(k -> k.contains("password") || k.contains("jaas"))
                    .forEach(k -> assertTrue(p.getProperty(k).startsWith("${"), svc + ": " + k + " must come from the environment"));
        }
    }
}

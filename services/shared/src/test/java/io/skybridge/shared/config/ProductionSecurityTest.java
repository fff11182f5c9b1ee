package io.skybridge.shared.config;

import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductionSecurityTest {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withDefaultValues(values).build();
    }

    @Test
    void shouldRefuseSaslWithoutItsJaasConfiguration() {
        List<String> problems = ProductionSecurity.problems(config(Map.of("kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.jaas.config", " ", "quarkus.datasource.password", "pw")));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("KAFKA_SASL_JAAS_CONFIG"), problems.get(0));
    }

    @Test
    void shouldRefuseAnEmptyDatabasePassword() {
        List<String> problems = ProductionSecurity.problems(config(Map.of("kafka.security.protocol", "PLAINTEXT")));
        assertEquals(List.of("quarkus.datasource.password (SKYBRIDGE_DB_PASSWORD) is empty"), problems);
    }

    @Test
    void shouldAcceptSaslWithCredentialsOrAnExplicitPlaintext() {
        assertEquals(List.of(), ProductionSecurity.problems(config(Map.of("kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "quarkus.datasource.password", "pw"))));
        assertEquals(List.of(), ProductionSecurity.problems(config(Map.of("kafka.security.protocol", "PLAINTEXT",
                "quarkus.datasource.password", "pw"))));
    }
}

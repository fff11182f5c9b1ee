package io.skybridge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaSettingsTest {

    @Test
    void shouldLayerEnvironmentThenConfigFileThenPropertiesAndKeepTheServersFromTheirOption(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                bootstrap.servers=elsewhere:9092
                """);
        KafkaSettings k = KafkaSettings.of("broker:9093", Map.of("KAFKA_SECURITY_PROTOCOL", "SSL",
                        "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\"cli\" password=\"s3cret\";",
                        "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.pem", "UNRELATED", "x"),
                file, List.of("sasl.mechanism=SCRAM-SHA-256", "client.rack = eu-1"));

        Map<String, Object> c = k.clientConfig(Map.of("acks", "all"));
        assertEquals("broker:9093", c.get("bootstrap.servers"), "the option wins over the file");
        assertEquals("SASL_SSL", c.get("security.protocol"), "the file over the environment");
        assertEquals("SCRAM-SHA-256", c.get("sasl.mechanism"), "--kafka-property over the file");
        assertTrue(String.valueOf(c.get("sasl.jaas.config")).contains("ScramLoginModule"));
        assertEquals("/etc/kafka/ca.pem", c.get("ssl.truststore.location"));
        assertEquals("eu-1", c.get("client.rack"));
        assertEquals("all", c.get("acks"));
        assertFalse(c.containsKey("UNRELATED"));
        assertFalse(k.toString().contains("s3cret"), "values are never printed: " + k);
    }

    @Test
    void shouldRefuseAPropertyWithoutAValueAndAFileThatCannotBeRead(@TempDir Path dir) {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> KafkaSettings.of("b:9092", Map.of(), null, List.of("security.protocol")));
        assertTrue(bad.getMessage().contains("key=value"), bad.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> KafkaSettings.of("b:9092", Map.of(), dir.resolve("nope.properties"), List.of()));
        assertTrue(missing.getMessage().contains("nope.properties"), missing.getMessage());
    }
}

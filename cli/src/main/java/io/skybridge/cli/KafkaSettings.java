package io.skybridge.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How the CLI's Kafka clients connect: the bootstrap servers and any client settings (security protocol,
 * SASL, TLS trust store, …). The settings come, each overriding the one before, from the same environment
 * variables the services read ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM},
 * {@code KAFKA_SASL_JAAS_CONFIG}, {@code KAFKA_SSL_TRUSTSTORE_LOCATION}, {@code KAFKA_SSL_TRUSTSTORE_TYPE}),
 * from a client properties file ({@code --kafka-config}, the format of Kafka's own {@code --command-config}),
 * and from {@code --kafka-property key=value}. Values are never printed: a JAAS config holds a password.
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> properties) {
    private static final Map<String, String> ENV = Map.of(
            "KAFKA_SECURITY_PROTOCOL", "security.protocol",
            "KAFKA_SASL_MECHANISM", "sasl.mechanism",
            "KAFKA_SASL_JAAS_CONFIG", "sasl.jaas.config",
            "KAFKA_SSL_TRUSTSTORE_LOCATION", "ssl.truststore.location",
            "KAFKA_SSL_TRUSTSTORE_TYPE", "ssl.truststore.type");

    public KafkaSettings {
        properties = Map.copyOf(properties);
    }

    /** Just the servers (the local stack's broker, PLAINTEXT). */
    public static KafkaSettings plain(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of());
    }

    /**
     * The settings from {@code env}, then {@code configFile} (may be null), then {@code overrides}
     * ({@code key=value} each).
     *
     * @throws IllegalArgumentException for a file that cannot be read or an override without {@code =}
     */
    public static KafkaSettings of(String bootstrapServers, Map<String, String> env, Path configFile,
                                   List<String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        ENV.forEach((variable, key) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                p.put(key, value);
            }
        });
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader r = Files.newBufferedReader(configFile)) {
                file.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the Kafka client config " + configFile + ": " + e.getMessage());
            }
            file.stringPropertyNames().forEach(k -> p.put(k, file.getProperty(k).trim()));
        }
        for (String o : overrides == null ? List.<String>of() : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--kafka-property wants key=value, not '" + o + "'");
            }
            p.put(o.substring(0, eq).trim(), o.substring(eq + 1).trim());
        }
        p.remove("bootstrap.servers"); // --bootstrap-servers / KAFKA_BOOTSTRAP_SERVERS say where
        return new KafkaSettings(bootstrapServers, p);
    }

    /** A client configuration: these settings, then {@code own} (what the client itself needs), then the servers. */
    public Map<String, Object> clientConfig(Map<String, Object> own) {
        Map<String, Object> c = new LinkedHashMap<>(properties);
        c.putAll(own);
        c.put("bootstrap.servers", bootstrapServers);
        return c;
    }

    @Override
    public String toString() {
        return bootstrapServers + " " + properties.keySet(); // never the values
    }
}

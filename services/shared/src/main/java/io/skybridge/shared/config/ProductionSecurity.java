package io.skybridge.shared.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Production fails closed: {@code %prod} defaults Kafka to SASL_SSL, and a service in the production profile refuses
 * to start when a credential it needs is empty (the SASL JAAS configuration for a SASL protocol, the database
 * password). PLAINTEXT must be asked for explicitly ({@code KAFKA_SECURITY_PROTOCOL=PLAINTEXT}: the local stack,
 * docker compose, the dev overlay).
 */
@ApplicationScoped
public class ProductionSecurity {

    void check(@Observes @Priority(1) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> problems = problems(ConfigProvider.getConfig());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start with insecure production settings: "
                    + String.join("; ", problems));
        }
    }

    /** What is missing, by setting name (never a value). */
    public static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        String protocol = value(config, "kafka.security.protocol").orElse("PLAINTEXT");
        if (protocol.startsWith("SASL") && value(config, "kafka.sasl.jaas.config").isEmpty()) {
            problems.add("kafka.security.protocol is " + protocol
                    + " but kafka.sasl.jaas.config (KAFKA_SASL_JAAS_CONFIG) is empty");
        }
        if (value(config, "quarkus.datasource.password").isEmpty()) {
            problems.add("quarkus.datasource.password (SKYBRIDGE_DB_PASSWORD) is empty");
        }
        return problems;
    }

    private static Optional<String> value(Config config, String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }
}

package io.skybridge.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.skybridge.contracts.Topics;

import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: a real Kafka broker and a real PostgreSQL (see {@link KafkaBroker},
 * {@link Postgres}), every catalogue topic created, Dev Services off. Each service migrates its own
 * schema with Flyway at boot.
 */
public class SkybridgeInfrastructure implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KafkaBroker kafka = KafkaBroker.shared();
        kafka.createTopics(Topics.all());
        Postgres pg = Postgres.shared();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.kafka.devservices.enabled", "false");
        config.put("quarkus.datasource.devservices.enabled", "false");
        config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl());
        config.put("quarkus.datasource.reactive.url", pg.reactiveUrl());
        config.put("quarkus.datasource.username", pg.username());
        config.put("quarkus.datasource.password", pg.password());
        config.put("quarkus.http.test-port", "0");
        return config;
    }

    @Override
    public void stop() {
        // the broker and the database live for the whole JVM (shutdown hooks stop them)
    }
}

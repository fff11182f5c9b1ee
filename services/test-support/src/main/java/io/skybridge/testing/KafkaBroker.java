package io.skybridge.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A real Apache Kafka broker (KRaft, one combined broker/controller) running in this JVM, started
 * once and shared by every test of the JVM. When {@code KAFKA_BOOTSTRAP_SERVERS} is set, that
 * external broker is used instead and nothing is started.
 */
public final class KafkaBroker {
    public static final int PARTITIONS = 3;
    private static KafkaBroker instance;

    private final String bootstrapServers;
    private final KafkaClusterTestKit cluster;

    private KafkaBroker(String bootstrapServers, KafkaClusterTestKit cluster) {
        this.bootstrapServers = bootstrapServers;
        this.cluster = cluster;
    }

    public static synchronized KafkaBroker shared() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "kafka-broker-stop"));
        }
        return instance;
    }

    private static KafkaBroker start() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return new KafkaBroker(external, null);
        }
        quietBrokerLogs();
        // the broker is stopped by a shutdown hook while the JVM exits; a fault it reports then must not
        // halt the JVM with a non-zero code (the test runner would report the fork as failed)
        org.apache.kafka.common.utils.Exit.setHaltProcedure((code, message) ->
                System.err.println("in-process Kafka asked to halt (" + code + "): " + message + " — ignored"));
        org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) ->
                System.err.println("in-process Kafka asked to exit (" + code + "): " + message + " — ignored"));
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", String.valueOf(PARTITIONS))
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "5")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaBroker(cluster.bootstrapServers(), cluster);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process Kafka broker", e);
        }
    }

    /** The broker logs ~1,800 INFO lines per start: keep warnings only. */
    private static void quietBrokerLogs() {
        for (String category : List.of("kafka", "org.apache.kafka", "state.change.logger", "io.zonky")) {
            java.util.logging.Logger.getLogger(category).setLevel(java.util.logging.Level.WARNING);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics that do not exist yet ({@value #PARTITIONS} partitions, replication factor 1). */
    public void createTopics(Collection<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> wanted = topics.stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList();
            admin.createTopics(wanted).values().forEach((name, future) -> {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    private void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception ignored) {
                // the JVM is going away
            }
        }
    }
}

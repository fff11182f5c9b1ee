package io.skybridge.cli.stack;

import io.skybridge.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A real Apache Kafka broker (KRaft, combined broker + controller) in its own JVM, from the Kafka jars. */
public final class KafkaComponent implements Component {
    static final int PARTITIONS = 3;

    @Override
    public String name() {
        return "kafka";
    }

    Path properties(StackContext ctx) {
        return ctx.state().config().resolve("kafka-server.properties");
    }

    static String serverProperties(StackContext ctx) {
        int port = ctx.ports().kafka();
        int controller = ctx.ports().kafkaController();
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + ctx.state().data("kafka"),
                "num.partitions=" + PARTITIONS,
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") ;
    }

    @Override
    public void prepare(StackContext ctx) throws Exception {
        StateDir.write(properties(ctx), serverProperties(ctx));
        if (Files.exists(ctx.state().data("kafka").resolve("meta.properties"))) {
            return; // formatted before: the data is reused
        }
        Path log = ctx.state().log("kafka-format");
        Process format = new ProcessBuilder(ctx.installation().java().toString(), "-Xmx256m", "-cp",
                ctx.installation().cliClasspath(), "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", properties(ctx).toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting Kafka's storage failed: see " + log);
        }
    }

    @Override
    public List<String> command(StackContext ctx) {
        return List.of(ctx.installation().java().toString(), "-Xms128m", "-Xmx512m",
                "-Dskybridge.component=kafka", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", ctx.installation().cliClasspath(), KafkaServerMain.class.getName(), properties(ctx).toString());
    }

    @Override
    public boolean ready(StackContext ctx) {
        try (Admin admin = admin(ctx)) {
            admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Every Skybridge topic (with its DLQ), 3 partitions, replication factor 1. */
    @Override
    public void afterReady(StackContext ctx) throws Exception {
        try (Admin admin = admin(ctx)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.all().stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Admin admin(StackContext ctx) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
    }

    @Override
    public String endpoint(StackContext ctx) {
        return ctx.kafkaBootstrap() + " (KRaft, data " + ctx.state().data("kafka") + ")";
    }
}

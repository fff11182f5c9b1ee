package io.skybridge.provisioning;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import io.skybridge.emulator.Emulator;
import io.skybridge.testing.PackagedService;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real crash: the packaged service ({@code target/quarkus-app/quarkus-run.jar}, built before the
 * integration-test phase) runs as a child process against Kafka, PostgreSQL and the emulator of this JVM. It is
 * killed (SIGKILL, {@link Process#destroyForcibly()}) after its {@code RunInstances} calls and before any
 * {@code NodeJoined} (the emulator's VM boot delay keeps the VMs pending), then started again: the pool converges
 * on the same VMs, with no extra instance.
 */
class NodePoolRestartIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String JOINED = "io.skybridge.provisioning.NodeJoined.v1";
    private static Map<String, String> config;
    private static Emulator emu;
    private static Ec2Client ec2;
    private static KubernetesClient kube;
    private static TestBus bus;
    private static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void infrastructure() {
        config = new SkybridgeWithClouds().start();
        emu = SkybridgeWithClouds.emulator();
        ec2 = Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(emu.awsEndpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().build()).build();
        kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(emu.kubeUrl()).build()).build();
        bus = new TestBus(config.get("kafka.bootstrap.servers"));
    }

    @AfterAll
    static void stop() {
        started.forEach(p -> {
            p.destroyForcibly();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        bus.close();
        kube.close();
        ec2.close();
    }

    @Test
    void shouldConvergeWithoutAnExtraVmAfterTheServiceIsKilledMidProvisioning() throws Exception {
        // VMs stay pending for a while: the window between RunInstances and NodeJoined the kill falls into
        emu.setBootDelay(Duration.ofSeconds(8));
        int port = PackagedService.freePort();
        Process first = startService(port, "restart-it-service-1.log");
        awaitHttp(port);

        String poolId = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        NodePoolScaleRequested intent = new NodePoolScaleRequested(poolId, "aws", "us-east-1",
                List.of("us-east-1a", "us-east-1b", "us-east-1c"), "m5.large", List.of(), "ami-0abcdef1234567890",
                Map.of("team", "platform"), List.of(), 0, 10, 3);
        bus.publish(intent, "user:crash-test");
        await("3 RunInstances went through", () -> allVms(poolId).size() == 3);

        first.destroyForcibly();
        assertTrue(first.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the service process died");
        List<Instance> beforeRestart = allVms(poolId);
        assertEquals(3, beforeRestart.size());
        assertTrue(beforeRestart.stream().allMatch(i -> "pending".equals(i.state().nameAsString())),
                "killed before the VMs ran, so before any join: " + beforeRestart.stream().map(i -> i.state().nameAsString()).toList());
        assertEquals(0, joined(poolId, Duration.ofMillis(500)).size(), "no NodeJoined before the kill");
        Set<String> instances = beforeRestart.stream().map(Instance::instanceId).collect(Collectors.toSet());

        Process second = startService(port, "restart-it-service-2.log");
        awaitHttp(port);
        await("3 NodeJoined after the restart", () -> joined(poolId, Duration.ofMillis(400)).size() >= 3);

        List<Instance> after = allVms(poolId);
        assertEquals(3, after.size(), "no extra VM was created, in any state");
        assertEquals(instances, after.stream().map(Instance::instanceId).collect(Collectors.toSet()), "the same VMs");
        assertTrue(after.stream().allMatch(i -> "running".equals(i.state().nameAsString())));
        List<Node> nodes = kube.nodes().withLabel("skybridge.io/node-pool", poolId).list().getItems();
        assertEquals(3, nodes.size());
        assertEquals(Set.of(poolId + "-0", poolId + "-1", poolId + "-2"), joined(poolId, Duration.ofMillis(400)).stream()
                .map(ConsumerRecord::key).collect(Collectors.toSet()), "one NodeJoined per node");
        Thread.sleep(2500); // two reconcile sweeps of the restarted service
        assertEquals(3, allVms(poolId).size(), "still 3 VMs");
        second.destroy();
        second.waitFor();
    }

    /** Every EC2 instance of the pool, whatever its state. */
    private static List<Instance> allVms(String poolId) {
        return ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:skybridge:pool").values(poolId).build()))
                .reservations().stream().flatMap(res -> res.instances().stream()).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> joined(String poolId, Duration window) {
        return bus.collect(Topics.PROVISIONING_EVENTS, r -> r.key() != null && r.key().startsWith(poolId + "-")
                && JOINED.equals(TestBus.header(r, CloudEventHeaders.TYPE)), window);
    }

    private static Process startService(int port, String logName) throws Exception {
        Process p = PackagedService.start(new File("target/quarkus-app/quarkus-run.jar"), config, emu.kubeUrl(), port,
                new File("target", logName), List.of());
        started.add(p);
        return p;
    }

    private static void awaitHttp(int port) {
        PackagedService.awaitHttp(port, "/pools", WAIT);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("not within " + WAIT + ": " + what);
    }
}

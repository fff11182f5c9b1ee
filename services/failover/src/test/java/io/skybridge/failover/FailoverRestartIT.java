package io.skybridge.failover;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.FailoverCompleted;
import io.skybridge.contracts.failover.OutageClearanceRequested;
import io.skybridge.contracts.failover.OutageDeclarationRequested;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.emulator.Emulator;
import io.skybridge.failover.support.EmulatorProvisioner;
import io.skybridge.failover.support.Estate;
import io.skybridge.testing.PackagedService;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.skybridge.testing.TestBus.header;
import static io.skybridge.testing.TestBus.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real crash between the saga's CORDON (cordon and taint) and MOVE steps: the packaged service
 * ({@code target/quarkus-app/quarkus-run.jar}) runs as a child process, paused before MOVE
 * ({@code skybridge.failover.saga.pause-before-move}), and is killed (SIGKILL) once the failed cloud's nodes are
 * cordoned and the surge capacity is Ready. Started again, it resumes the same run: the workloads move, one
 * {@code FailoverCompleted}, and the surge pool was asked for exactly once (no duplicate node request).
 */
class FailoverRestartIT {
    private static final String NS = "restart";
    private static Map<String, String> config;
    private static Emulator emu;
    private static KubernetesClient kube;
    private static TestBus bus;
    private static EmulatorProvisioner provisioner;
    private static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void infrastructure() throws Exception {
        config = new SkybridgeWithClouds().start();
        emu = SkybridgeWithClouds.emulator();
        kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(emu.kubeUrl()).build()).build();
        bus = new TestBus(config.get("kafka.bootstrap.servers"));
        provisioner = new EmulatorProvisioner(emu, config.get("kafka.bootstrap.servers"));
    }

    @AfterAll
    static void stop() throws Exception {
        bus.publish(new OutageClearanceRequested("aws", null, "test over"), "user:test");
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor();
        }
        provisioner.close();
        bus.close();
        kube.close();
    }

    private static boolean isType(ConsumerRecord<String, byte[]> r, String name) {
        return ("io.skybridge.failover." + name + ".v1").equals(header(r, CloudEventHeaders.TYPE));
    }

    @Test
    void shouldFinishTheSagaAfterAKillBetweenCordonAndMoveWithNoDuplicateNodeRequest() throws Exception {
        provisioner.bootAws("restart-aws", "us-east-1a", "m5.xlarge", 2);
        provisioner.bootGcp("restart-gcp", "us-central1-a", "e2-standard-4");
        Estate estate = new Estate(kube, NS);
        Estate.await("3 VMs joined", 30_000, () -> estate.readyNodesOfPool("restart-aws").size() == 2
                && estate.readyNodesOfPool("restart-gcp").size() == 1);
        List<String> apps = List.of("orders", "payments", "search");
        for (String app : apps) {
            estate.deployment(app, 2, "aws", 10, "1", "1Gi");
        }
        Estate.await("6 pods Ready on AWS", 30_000, () -> apps.stream().allMatch(a -> estate.readyByCloud(a).equals(Map.of("aws", 2))));

        int port = PackagedService.freePort();
        Process first = startService(port, "restart-it-service-1.log", "60s");
        awaitHttp(port);
        var intent = bus.publish(new OutageDeclarationRequested("aws", null, "game day: kill between cordon and move"), "user:sre");
        OutageDeclared declared = payload(bus.await(Topics.FAILOVER_EVENTS, r -> isType(r, "OutageDeclared")
                && intent.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), Duration.ofSeconds(30)), OutageDeclared.class);
        String incident = declared.incidentId();

        Estate.await("AWS cordoned", 60_000, () -> kube.nodes().withLabel("skybridge.io/node-pool", "restart-aws")
                .list().getItems().stream().allMatch(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable())));
        Thread.sleep(1000); // the step's progress (MOVE next) is committed; the service now pauses before moving
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the service process died");
        for (String app : apps) {
            assertEquals(Map.of("aws", 2), estate.podsByCloud(app), app + " not moved yet: killed before MOVE");
        }
        int surgeNodes = estate.readyNodesOfPool("gcp-surge").size();
        assertTrue(surgeNodes >= 1, "the surge capacity came before the kill");

        Process second = startService(port, "restart-it-service-2.log", "0s");
        awaitHttp(port);
        FailoverCompleted completed = payload(bus.await(Topics.FAILOVER_EVENTS, r -> isType(r, "FailoverCompleted")
                && incident.equals(r.key()), Duration.ofSeconds(90)), FailoverCompleted.class);
        assertEquals(3, completed.workloadsMigrated());
        assertFalse(completed.degraded());
        for (String app : apps) {
            assertEquals(Map.of("gcp", 2), estate.readyByCloud(app), app + " Ready on GCP");
        }
        Set<String> requestIds = provisioner.seen().stream().filter(s -> incident.equals(s.correlationId()))
                .map(EmulatorProvisioner.Seen::intentId).collect(Collectors.toSet());
        assertEquals(1, requestIds.size(), "one node request for the incident, across both processes");
        assertEquals(surgeNodes, estate.readyNodesOfPool("gcp-surge").size(), "no extra surge VM after the restart");
        assertEquals(1, bus.collect(Topics.FAILOVER_EVENTS, r -> isType(r, "FailoverStarted") && incident.equals(r.key()),
                Duration.ofMillis(300)).size(), "one run");
        assertEquals(1, bus.collect(Topics.FAILOVER_EVENTS, r -> isType(r, "FailoverCompleted") && incident.equals(r.key()),
                Duration.ofMillis(300)).size(), "completed once");
        second.destroy();
        second.waitFor();
        estate.delete();
    }

    private static Process startService(int port, String logName, String pauseBeforeMove) throws Exception {
        Process p = PackagedService.start(new File("target/quarkus-app/quarkus-run.jar"), config, emu.kubeUrl(), port,
                new File("target", logName), List.of("-Dskybridge.failover.saga.pause-before-move=" + pauseBeforeMove));
        started.add(p);
        return p;
    }

    private static void awaitHttp(int port) {
        PackagedService.awaitHttp(port, "/q/health/ready", Duration.ofSeconds(90));
    }
}

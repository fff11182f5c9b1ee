package io.skybridge.failover;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.OutageClearanceRequested;
import io.skybridge.contracts.failover.OutageDeclarationRequested;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.contracts.failover.WorkloadMigrated;
import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.world.Cloud;
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
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.skybridge.testing.TestBus.header;
import static io.skybridge.testing.TestBus.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas of the packaged failover service, one Lease. The leader moves the top-priority workload into GCP's
 * headroom and then waits in MOVE for slow surge VMs (20 s boot); it is paused (SIGSTOP) there, the other replica
 * takes the Lease and resumes the run, and the old leader is resumed (SIGCONT) before the surge VMs are up. The
 * deposed replica moves nothing more: only the new leader moves the bulk workload, each workload is reported
 * migrated once and the run completes once.
 */
class FailoverReplicasIT {
    private static final String NS = "replicas";
    private static Map<String, String> config;
    private static Emulator emu;
    private static KubernetesClient kube;
    private static TestBus bus;
    private static EmulatorProvisioner provisioner;
    private static final List<Process> started = new ArrayList<>();
    private static final Map<String, Integer> ports = new java.util.concurrent.ConcurrentHashMap<>();

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
        emu.setBootDelay(Duration.ZERO);
        emu.clearOutage(Cloud.AWS);
        for (Process p : started) {
            signal(p, "CONT");
        }
        // the next test class starts from no open incident and none of these VMs: clear, and wait for the answer
        var clear = bus.publish(new OutageClearanceRequested("aws", null, "test over"), "user:test");
        bus.await(Topics.FAILOVER_EVENTS, r -> clear.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), Duration.ofSeconds(30));
        for (Process p : started) {
            PackagedService.stop(p); // SIGTERM: they leave the consumer group, so the next class's service gets the partitions at once
        }
        provisioner.close();
        bus.close();
        kube.close();
    }

    private static boolean isType(ConsumerRecord<String, byte[]> r, String name) {
        return ("io.skybridge.failover." + name + ".v1").equals(header(r, CloudEventHeaders.TYPE));
    }

    private static String leader() {
        var lease = kube.leases().inNamespace("default").withName("skybridge-failover").get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static void signal(Process p, String sig) throws Exception {
        PackagedService.signal(p, sig);
    }

    @Test
    void shouldLetOnlyTheLeaderMoveWorkloadsWhenADeposedLeaderWakesUpInTheMiddleOfTheMoves() throws Exception {
        bus.publish(new OutageClearanceRequested("aws", null, "start from a clean slate"), "user:test");
        provisioner.bootAws("replicas-aws", "us-east-1a", "m5.xlarge", 2);
        provisioner.bootGcp("replicas-gcp", "us-central1-a", "e2-standard-4");
        Estate estate = new Estate(kube, NS);
        Estate.await("3 VMs joined", 30_000, () -> estate.readyNodesOfPool("replicas-aws").size() == 2
                && estate.readyNodesOfPool("replicas-gcp").size() == 1);
        estate.deployment("top", 2, "aws", 100, "1000m", "512Mi");
        estate.deployment("bulk", 4, "aws", 1, "1000m", "512Mi");
        Estate.await("6 pods Ready on AWS", 30_000, () -> estate.readyByCloud("top").equals(Map.of("aws", 2))
                && estate.readyByCloud("bulk").equals(Map.of("aws", 4)));

        Map<String, Process> replicas = Map.of("failover-a", start("failover-a"), "failover-b", start("failover-b"));
        Estate.await("one replica leads", 60_000, () -> replicas.containsKey(leader()));
        String first = leader();
        String second = first.equals("failover-a") ? "failover-b" : "failover-a";

        emu.setBootDelay(Duration.ofSeconds(20));
        emu.startOutage(Cloud.AWS);
        var intent = bus.publish(new OutageDeclarationRequested("aws", null, "game day: replicas"), "user:sre");
        String incident = payload(bus.await(Topics.FAILOVER_EVENTS, r -> isType(r, "OutageDeclared")
                && intent.id().equals(header(r, CloudEventHeaders.CAUSATION_ID)), Duration.ofSeconds(30)), OutageDeclared.class).incidentId();
        bus.await(Topics.FAILOVER_EVENTS, r -> isType(r, "WorkloadMigrated") && incident.equals(r.key())
                && "replicas/Deployment/top".equals(TestBus.json(r).get("workloadId").asText()), Duration.ofSeconds(30));
        // the leader now waits in MOVE for the surge VMs: pause it until the other replica holds the Lease
        signal(replicas.get(first), "STOP");
        Estate.await(second + " leads", 30_000, () -> second.equals(leader()));
        signal(replicas.get(first), "CONT");
        assertEquals(Map.of("aws", 4), estate.podsByCloud("bulk"), "bulk still waits for the surge VMs");

        bus.await(Topics.FAILOVER_EVENTS, r -> isType(r, "FailoverCompleted") && incident.equals(r.key()), Duration.ofSeconds(90));
        assertEquals(Map.of("gcp", 4), estate.readyByCloud("bulk"));
        List<WorkloadMigrated> migrated = bus.collect(Topics.FAILOVER_EVENTS, r -> isType(r, "WorkloadMigrated") && incident.equals(r.key()),
                Duration.ofMillis(500)).stream().map(r -> payload(r, WorkloadMigrated.class)).toList();
        assertEquals(List.of("replicas/Deployment/top", "replicas/Deployment/bulk"), migrated.stream().map(WorkloadMigrated::workloadId).toList(),
                "each workload reported once, top first");
        assertEquals(1, bus.collect(Topics.FAILOVER_EVENTS, r -> isType(r, "FailoverCompleted") && incident.equals(r.key()),
                Duration.ofMillis(300)).size(), "completed once");

        String oldLog = Files.readString(log(first).toPath());
        String newLog = Files.readString(log(second).toPath());
        String stopped = "failover " + incident + ": no longer the leader, moves stop here";
        String bulkMoved = "failover " + incident + ": 1 workload(s) moved off aws (0 of wave 0, 1 of wave 1)";
        assertTrue(oldLog.contains(stopped), "the deposed replica stopped");
        // the deposed replica never moves the bulk workload while deposed; on a loaded machine the new holder can
        // miss its renewals and the Lease come back to it, and only then (a newer term) may it move it
        int wokeUp = oldLog.indexOf(stopped);
        int movedByOld = oldLog.indexOf(bulkMoved);
        assertTrue(movedByOld < 0 || oldLog.substring(wokeUp, movedByOld).contains(first + " leads under term"),
                "the deposed replica moved the bulk workload only after it led again");
        assertEquals(1, (movedByOld >= 0 ? 1 : 0) + (newLog.contains(bulkMoved) ? 1 : 0),
                "the bulk workload was moved once, by the replica leading then");

        // the open-incident gauge is refreshed by a read on every replica (no leader needed): both count this incident
        for (String replica : replicas.keySet()) {
            Estate.await(replica + " counts the open incident", 15_000, () -> incidentsOpen(replica) == 1);
        }
        estate.delete();
    }

    /** {@code skybridge_failover_incidents_open} as {@code replica} exposes it. */
    private static double incidentsOpen(String replica) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + ports.get(replica) + "/q/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return io.skybridge.testing.ServiceMetrics.sumIn(response.body(), "skybridge_failover_incidents_open");
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static File log(String identity) {
        return new File("target", "replicas-it-" + identity + ".log");
    }

    private static Process start(String identity) throws Exception {
        int port = PackagedService.freePort();
        Process p = PackagedService.start(new File("target/quarkus-app/quarkus-run.jar"), config, emu.kubeUrl(), port, log(identity),
                List.of("-Dskybridge.leader.identity=" + identity, "-Dskybridge.failover.metrics.refresh=1s"));
        started.add(p);
        ports.put(identity, port);
        PackagedService.awaitHttp(port, "/q/health/live", Duration.ofSeconds(90));
        return p;
    }
}

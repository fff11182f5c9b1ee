package io.skybridge.failover;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.skybridge.emulator.Emulator;
import io.skybridge.testing.LeaderOnlyObserverCheck;
import io.skybridge.testing.PackagedService;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two replicas of the packaged failover service: the prober's loop (its own thread, every 500 ms) publishes samples
 * only from the Lease holder — also after the holder was paused, deposed and woken up.
 */
class CloudProberReplicasIT {
    private static Map<String, String> config;
    private static Emulator emu;
    private static KubernetesClient kube;
    private static TestBus bus;
    private static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void infrastructure() {
        config = new SkybridgeWithClouds().start();
        emu = SkybridgeWithClouds.emulator();
        kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(emu.kubeUrl()).build()).build();
        bus = new TestBus(config.get("kafka.bootstrap.servers"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : started) {
            PackagedService.stop(p); // SIGTERM: they leave their consumer groups
        }
        bus.close();
        kube.close();
    }

    @Test
    void shouldProbeOnlyFromTheLeaderEvenAfterADeposedLeaderWakesUp() throws Exception {
        Map<String, Process> replicas = Map.of("prober-a", start("prober-a"), "prober-b", start("prober-b"));
        new LeaderOnlyObserverCheck(replicas, () -> kube.leases().inNamespace("default").withName("skybridge-failover")
                .get().getSpec().getHolderIdentity(), id -> id + "@onprem", bus).run();
    }

    private static Process start(String identity) throws Exception {
        int port = PackagedService.freePort();
        Process p = PackagedService.start(new File("target/quarkus-app/quarkus-run.jar"), config, emu.kubeUrl(), port,
                new File("target", "prober-replicas-it-" + identity + ".log"),
                List.of("-Dskybridge.leader.identity=" + identity, "-Dskybridge.failover.prober.client-name=" + identity,
                        "-Dskybridge.failover.prober.location=onprem", "-Dskybridge.failover.prober.interval=500ms"));
        started.add(p);
        PackagedService.awaitHttp(port, "/q/health/live", Duration.ofSeconds(90));
        return p;
    }
}

package io.skybridge.networking;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.networking.AwsVpcRef;
import io.skybridge.contracts.networking.GcpNetworkRef;
import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.emulator.Emulator;
import io.skybridge.testing.KafkaBroker;
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
 * Two replicas of the packaged networking service and one HA VPN link: the link monitor's loop (its own thread,
 * every 500 ms) polls the tunnels and publishes health samples only from the Lease holder — also after the holder
 * was paused, deposed and woken up.
 */
class LinkMonitorReplicasIT {
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
        KafkaBroker.shared().createTopics(List.of(Topics.NETWORKING_INTENTS, Topics.NETWORKING_EVENTS,
                Topics.HEALTH_OBSERVATIONS));
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
    void shouldMonitorTheLinkOnlyFromTheLeaderEvenAfterADeposedLeaderWakesUp() throws Exception {
        Map<String, Process> replicas = Map.of("monitor-a", start("monitor-a"), "monitor-b", start("monitor-b"));
        bus.publish(new NetworkLinkRequested("replicas-link",
                new AwsVpcRef("123456789012", "us-east-1", "vpc-0a1b2c3d4e5f60001", "10.200.0.0/16"),
                new GcpNetworkRef("skybridge-demo", "us-central1", "skybridge-vpc", "10.201.0.0/16"), "HA"), "user:netops");
        bus.await(Topics.NETWORKING_EVENTS, r -> "replicas-link".equals(r.key())
                && "io.skybridge.networking.NetworkLinkEstablished.v1".equals(TestBus.header(r, CloudEventHeaders.TYPE)),
                Duration.ofSeconds(120));

        new LeaderOnlyObserverCheck(replicas, () -> kube.leases().inNamespace("default").withName("skybridge-networking")
                .get().getSpec().getHolderIdentity(), id -> "networking/" + id, bus).run();
    }

    private static Process start(String identity) throws Exception {
        int port = PackagedService.freePort();
        Process p = PackagedService.start(new File("target/quarkus-app/quarkus-run.jar"), config, emu.kubeUrl(), port,
                new File("target", "monitor-replicas-it-" + identity + ".log"),
                List.of("-Dskybridge.leader.identity=" + identity, "-Dskybridge.networking.client-name=" + identity,
                        "-Dskybridge.networking.monitor.interval=500ms"));
        started.add(p);
        PackagedService.awaitHttp(port, "/q/health/live", Duration.ofSeconds(90));
        return p;
    }
}

package io.skybridge.inventory.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.provisioning.NodeJoined;
import io.skybridge.contracts.provisioning.NodeProvisioned;
import io.skybridge.testing.Postgres;
import io.skybridge.emulator.EmulatorConfig;
import io.skybridge.emulator.kube.KubeConfig;
import io.skybridge.testing.SkybridgeWithClouds;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark of the packaged inventory service ({@code target/quarkus-app/quarkus-run.jar}, started as
 * a child process) against the in-process Kafka, embedded PostgreSQL and the emulator's Kubernetes
 * API: 2,000 Nodes and 10,000 managed Deployments in the cluster, then N provisioning events
 * (default 100,000: 50 alternating NodeProvisioned / NodeJoined per node, each a real change)
 * ingested, then the latency of {@code GET /clouds/aws/capacity} and {@code GET /placement}.
 * Args: {@code [events] [nodes] [workloads] [queries]}.
 */
public final class InventoryBenchmark {

    public static void main(String[] args) throws Exception {
        int events = arg(args, 0, 100_000);
        int nodes = arg(args, 1, 2_000);
        int workloads = arg(args, 2, 10_000);
        int queries = arg(args, 3, 300);
        int warmup = arg(args, 4, 20_000);
        // the emulated cluster stands in for a Kubernetes control plane on other machines: its controllers pass
        // over every object once a second (tests: every 20 ms), so they don't take the 2 cores from the service
        // (-Dbench.kubeTickMillis=20 runs them as the tests do)
        long tick = Long.getLong("bench.kubeTickMillis", 1000);
        SkybridgeWithClouds.emulator(EmulatorConfig.forTests().kubeConfig(KubeConfig.fast().tick(Duration.ofMillis(tick))));
        Map<String, String> infra = new SkybridgeWithClouds().start();
        int port = freePort();
        Process app = startService(infra, port);
        try (KubernetesClient kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(SkybridgeWithClouds.emulator().kubeUrl()).build()).build()) {
            waitReady(port);
            long t = System.nanoTime();
            populateCluster(kube, nodes, workloads);
            awaitCount("select count(*) from inventory.workload", workloads, Duration.ofMinutes(10));
            awaitCount("select count(*) from inventory.node_observation", nodes, Duration.ofMinutes(10));
            System.out.printf("cluster: %d nodes + %d workloads created and projected in %.1f s%n", nodes, workloads,
                    (System.nanoTime() - t) / 1e9);

            String inbox = "select count(*) from inventory.inbox_message where consumer = 'provisioning-events'";
            if (warmup > 0) { // the JIT compiles the hot path, as in a service that has been running for a while
                long w = System.nanoTime();
                awaitApplied(publish(infra.get("kafka.bootstrap.servers"), 0, warmup, nodes), Duration.ofMinutes(30));
                double took = (System.nanoTime() - w) / 1e9;
                System.out.printf("warm-up: %d events applied in %.1f s = %.0f events/s%n", warmup, took, warmup / took);
            }
            long start = System.nanoTime();
            Collection<String> last = publish(infra.get("kafka.bootstrap.servers"), warmup, events, nodes);
            double sent = (System.nanoTime() - start) / 1e9;
            awaitApplied(last, Duration.ofMinutes(30));
            double ingested = (System.nanoTime() - start) / 1e9;
            awaitCount(inbox, warmup + (long) events, Duration.ofSeconds(10)); // every one of them, not just the last
            System.out.printf("ingest: %d events published in %.1f s, all applied after %.1f s = %.0f events/s%n",
                    events, sent, ingested, events / ingested);

            HttpClient http = HttpClient.newHttpClient();
            latency(http, port, "/clouds/aws/capacity", queries);
            latency(http, port, "/placement", queries);
        } finally {
            app.destroy();
            app.waitFor();
            System.exit(0);
        }
    }

    private static int arg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Process startService(Map<String, String> infra, int port) throws Exception {
        File jar = new File("services/inventory/target/quarkus-app/quarkus-run.jar");
        if (!jar.exists()) {
            jar = new File("target/quarkus-app/quarkus-run.jar");
        }
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx1g"));
        // e.g. -Dbench.serviceJvmOpts="-XX:StartFlightRecording=filename=/tmp/inventory.jfr" to profile the service
        String extra = System.getProperty("bench.serviceJvmOpts", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        infra.forEach((k, v) -> {
            cmd.add("-D" + k + "=" + v);
            cmd.add("-D%prod." + k + "=" + v);
        });
        cmd.addAll(List.of("-Dquarkus.http.port=" + port, "-Dskybridge.inventory.drift.enabled=false",
                "-Daws.accessKeyId=bench", "-Daws.secretAccessKey=bench", "-Dquarkus.log.level=WARN",
                "-jar", jar.getAbsolutePath()));
        return new ProcessBuilder(cmd).inheritIO().start();
    }

    private static void waitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("inventory did not become ready");
    }

    private static void populateCluster(KubernetesClient kube, int nodes, int workloads) throws Exception {
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("bench").endMetadata().build())
                .createOr(r -> r.update());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            int n = i;
            String cloud = n % 2 == 0 ? "aws" : "gcp";
            String region = n % 2 == 0 ? "us-east-1" : "us-central1";
            String zone = n % 2 == 0 ? "us-east-1a" : "us-central1-a";
            work.add(pool.submit(() -> kube.nodes().resource(new NodeBuilder().withNewMetadata().withName("bench-" + n)
                    .withLabels(Map.of("skybridge.io/cloud", cloud, "topology.kubernetes.io/region", region,
                            "topology.kubernetes.io/zone", zone, "skybridge.io/node-pool", "pool-" + (n % 10)))
                    .endMetadata()
                    .withNewStatus().withAllocatable(Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi")))
                    .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create()));
        }
        for (int i = 0; i < workloads; i++) {
            int w = i;
            work.add(pool.submit(() -> kube.apps().deployments().inNamespace("bench").resource(new DeploymentBuilder()
                    .withNewMetadata().withName("wl-" + w).addToLabels("skybridge.io/managed", "true")
                    .addToAnnotations("skybridge.io/priority", Integer.toString(w % 5)).endMetadata()
                    .withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels("app", "wl-" + w).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "wl-" + w).endMetadata()
                    .withNewSpec().addNewContainer().withName("c").withImage("nginx").withNewResources()
                    .addToRequests("cpu", new Quantity("100m")).endResources().endContainer().endSpec()
                    .endTemplate().endSpec().build()).create()));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
    }

    /**
     * Events number {@code from} to {@code from + events - 1}: each round of {@code nodes} events is one second later.
     * @return the id of the last event sent to each partition: once those are applied, all are (a partition's records
     *         are applied in order)
     */
    private static Collection<String> publish(String bootstrap, int from, int events, int nodes) throws Exception {
        Map<Integer, String> lastByPartition = new java.util.concurrent.ConcurrentHashMap<>();
        Map<Integer, Long> lastOffset = new java.util.concurrent.ConcurrentHashMap<>();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = from; i < from + events; i++) {
                int node = i % nodes;
                int round = i / nodes;
                String id = "ev-" + node;
                Instant at = t0.plusSeconds(round);
                SkybridgeMessage m = round % 2 == 0
                        ? new NodeProvisioned(id, "general", "aws", "us-east-1", "us-east-1b", "i-" + node, "m5.large", null, at)
                        : new NodeJoined(id, "general", "aws", "us-east-1", "us-east-1b", "i-" + node,
                        "aws:///us-east-1b/i-" + node, at);
                MessageType type = MessageCatalog.of(m.getClass());
                EventMetadata meta = EventMetadata.newIntent(type, m.aggregateId(), "skybridge://bench", "svc:bench");
                ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.PROVISIONING_EVENTS, id,
                        ContractJson.mapper().writeValueAsBytes(m));
                meta.toHeaders().forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                String ceId = meta.id();
                producer.send(r, (md, e) -> {
                    if (e == null && lastOffset.merge(md.partition(), md.offset(), Math::max) == md.offset()) {
                        lastByPartition.put(md.partition(), ceId);
                    }
                });
            }
            producer.flush();
        }
        return lastByPartition.values();
    }

    /** Waits until the inbox has all of {@code ids} (a primary-key lookup each, every 50 ms). */
    private static void awaitApplied(Collection<String> ids, Duration timeout) throws Exception {
        Postgres pg = Postgres.shared();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             PreparedStatement ps = c.prepareStatement("select count(*) from inventory.inbox_message"
                     + " where consumer = 'provisioning-events' and message_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == ids.size()) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("not all applied within " + timeout);
    }

    private static void awaitCount(String sql, long expected, Duration timeout) throws Exception {
        Postgres pg = Postgres.shared();
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                    rs.next();
                    last = rs.getLong(1);
                }
                if (last >= expected) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(sql + ": " + last + " of " + expected + " after " + timeout);
    }

    private static void latency(HttpClient http, int port, String path, int queries) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
        long[] millis = new long[queries];
        int bytes = 0;
        for (int i = 0; i < 20; i++) {
            http.send(request, HttpResponse.BodyHandlers.discarding()); // warm-up
        }
        for (int i = 0; i < queries; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            millis[i] = (System.nanoTime() - t) / 1_000;
            bytes = r.body().length;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode());
            }
        }
        Arrays.sort(millis);
        System.out.printf("GET %-22s %d queries, %d bytes: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", path, queries, bytes,
                millis[queries / 2] / 1000.0, millis[(int) Math.ceil(queries * 0.99) - 1] / 1000.0,
                millis[queries - 1] / 1000.0);
    }
}

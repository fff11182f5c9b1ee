package io.skybridge.emulator;

import io.skybridge.emulator.aws.Ec2Server;
import io.skybridge.emulator.control.ControlServer;
import io.skybridge.emulator.control.Faults;
import io.skybridge.emulator.control.Outage;
import io.skybridge.emulator.control.OutageMode;
import io.skybridge.emulator.control.PartitionMode;
import io.skybridge.emulator.gcp.GceServer;
import io.skybridge.emulator.kube.KubeCluster;
import io.skybridge.emulator.kube.WorldVmSource;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.emulator.world.Event;
import io.skybridge.emulator.world.SimClock;
import io.skybridge.emulator.world.World;
import io.skybridge.emulator.world.WorldSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An emulated pair of clouds: EC2 Query API, Compute Engine v1 REST and the control API, each on its
 * own port. Start with {@link #start(EmulatorConfig)}, stop with {@link #close()}. The control
 * operations are also available as Java methods for embedded tests.
 */
public final class Emulator implements AutoCloseable {
    private final Vertx vertx;
    private final World world;
    private final HttpServer aws;
    private final HttpServer gcp;
    private final HttpServer control;
    private final String host;
    private final long startMillis;
    private KubeCluster kube;

    private Emulator(Vertx vertx, World world, HttpServer aws, HttpServer gcp, HttpServer control, String host, long startMillis) {
        this.vertx = vertx;
        this.world = world;
        this.aws = aws;
        this.gcp = gcp;
        this.control = control;
        this.host = host;
        this.startMillis = startMillis;
    }

    /** Starts the three servers; blocks until they listen. */
    public static Emulator start(EmulatorConfig config) {
        long t0 = System.nanoTime();
        WorldSpec spec = config.world != null ? config.world : WorldSpec.defaults();
        World world = new World(spec, new SimClock(), config.bootDelay, config.shutdownDelay, config.seed);
        Vertx vertx = Vertx.vertx(new VertxOptions()
            .setEventLoopPoolSize(Math.max(2, Runtime.getRuntime().availableProcessors()))
            .setWorkerPoolSize(4)
            .setBlockedThreadCheckInterval(10_000)
            .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        try {
            String advertised = config.advertisedHost != null ? config.advertisedHost
                : ("0.0.0.0".equals(config.host) ? "127.0.0.1" : config.host);
            HttpServer awsServer = listen(vertx, new Ec2Server(world, vertx).router(vertx), config.host, config.awsPort, "EC2");
            GceServer gce = new GceServer(world, vertx);
            HttpServer gcpServer = listen(vertx, gce.router(vertx), config.host, config.gcpPort, "Compute Engine");
            world.setGcpBaseUrl("http://" + advertised + ":" + gcpServer.actualPort() + "/compute/v1/");
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("aws", "http://" + advertised + ":" + awsServer.actualPort());
            info.put("gcp", "http://" + advertised + ":" + gcpServer.actualPort() + "/compute/v1/");
            HttpServer controlServer = listen(vertx, new ControlServer(world, info, config.kube).router(vertx), config.host, config.controlPort, "control");
            info.put("control", "http://" + advertised + ":" + controlServer.actualPort() + "/control");
            vertx.setPeriodic(100, id -> world.advance());
            KubeCluster kube = KubeCluster.start(vertx, config.host, config.kubePort, new WorldVmSource(world), config.kube);
            info.put("kubernetes", "http://" + advertised + ":" + kube.port());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Emulator emulator = new Emulator(vertx, world, awsServer, gcpServer, controlServer, advertised, ms);
            emulator.kube = kube;
            return emulator;
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    private static HttpServer listen(Vertx vertx, Router router, String host, int port, String what) {
        Future<HttpServer> f = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setMaxInitialLineLength(64 * 1024).setMaxHeaderSize(64 * 1024).setCompressionSupported(true)
                // EC2's form-encoded requests carry up to 16 KB of user data (base64: ~22 KB); Vert.x's default
                // form attribute limit of 8 KB would refuse them before the API sees them
                .setMaxFormAttributeSize(1024 * 1024))
            .requestHandler(router).listen();
        try {
            return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot start the " + what + " endpoint on " + host + ":" + port + ": " + cause.getMessage(), cause);
        }
    }

    // ------------------------------------------------------------- endpoints

    public int awsPort() {
        return aws.actualPort();
    }

    public int gcpPort() {
        return gcp.actualPort();
    }

    public int controlPort() {
        return control.actualPort();
    }

    /** EC2 endpoint, for {@code endpointOverride} / {@code --endpoint-url}. */
    public URI awsEndpoint() {
        return URI.create("http://" + host + ":" + awsPort());
    }

    /** Compute Engine root, for {@code InstancesSettings.setEndpoint}. */
    public String gcpEndpoint() {
        return "http://" + host + ":" + gcpPort();
    }

    /** Compute Engine API base, for {@code CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE}. */
    public String gcpComputeBaseUrl() {
        return world.gcpBaseUrl();
    }

    public URI controlEndpoint() {
        return URI.create("http://" + host + ":" + controlPort() + "/control");
    }

    public int kubePort() {
        return kube.port();
    }

    /** Kubernetes API, for fabric8 {@code withMasterUrl} / {@code kubectl --server}. */
    public String kubeUrl() {
        return "http://" + host + ":" + kubePort();
    }

    /** The emulated Kubernetes cluster (store and simulated control plane). */
    public KubeCluster kube() {
        return kube;
    }

    /** How long {@link #start} took, in milliseconds. */
    public long startMillis() {
        return startMillis;
    }

    /** The world behind the APIs (state access under {@link World#locked}). */
    public World world() {
        return world;
    }

    // ------------------------------------------------------------- control API, Java flavour

    public Outage startOutage(Cloud cloud, String region, OutageMode mode) {
        return world.startOutage(cloud, region, mode);
    }

    public Outage startOutage(Cloud cloud) {
        return world.startOutage(cloud, null, OutageMode.UNAVAILABLE);
    }

    public boolean clearOutage(Cloud cloud, String region) {
        return world.clearOutage(cloud, region);
    }

    public boolean clearOutage(Cloud cloud) {
        return world.clearOutage(cloud, "*");
    }

    public void setBootDelay(Duration d) {
        world.setBootDelay(d);
    }

    public void setShutdownDelay(Duration d) {
        world.setShutdownDelay(d);
    }

    public void setFaults(Cloud cloud, Faults faults) {
        world.setFaults(cloud, faults);
    }

    /** Removes every fault of the cloud: rates, latency, zone-scoped capacity faults and the never-join switch. */
    public void clearFaults(Cloud cloud) {
        world.clearFaults(cloud);
    }

    /** Share of the creates in {@code zone} that fail for lack of capacity (EC2 InsufficientInstanceCapacity, GCE ZONE_RESOURCE_POOL_EXHAUSTED); 0 clears it. */
    public void setZoneCapacityFault(Cloud cloud, String zone, double capacityRate) {
        world.setZoneCapacityFault(cloud, zone, capacityRate);
    }

    /** While on, VMs launched in the cloud run but never join the Kubernetes cluster. */
    public void setNeverJoin(Cloud cloud, boolean on) {
        world.setNeverJoin(cloud, on);
    }

    public void partition(String client) {
        world.partition(client, PartitionMode.RESET);
    }

    public void partition(String client, PartitionMode mode) {
        world.partition(client, mode);
    }

    public boolean heal(String client) {
        return world.heal(client);
    }

    public List<Event> events() {
        return world.events().since(0);
    }

    public List<Event> eventsSince(long seq) {
        return world.events().since(seq);
    }

    public void advanceClock(Duration d) {
        world.advanceClock(d);
    }

    public void reset() {
        world.reset();
    }

    public boolean isHeartbeating(Cloud cloud, String region) {
        return world.isHeartbeating(cloud, region);
    }

    @Override
    public void close() {
        if (kube != null) {
            kube.close();
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing is best effort
        }
    }
}

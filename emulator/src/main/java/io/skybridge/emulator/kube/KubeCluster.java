package io.skybridge.emulator.kube;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.util.concurrent.TimeUnit;

/**
 * The emulated Kubernetes cluster: API server (plain HTTP) + store + simulated control plane.
 * {@code KubeCluster.start(vertx, "127.0.0.1", 0, vmSource, KubeConfig.fast())}; {@link #url()} for clients.
 */
public final class KubeCluster implements AutoCloseable {
    private final KubeStore store;
    private final ControlPlane controlPlane;
    private final HttpServer server;
    private final Vertx vertx;
    private final boolean ownVertx;
    private final String host;
    private final RequestCounter requests;

    private KubeCluster(KubeStore store, ControlPlane cp, HttpServer server, Vertx vertx, boolean ownVertx, String host,
                        RequestCounter requests) {
        this.requests = requests;
        this.store = store;
        this.controlPlane = cp;
        this.server = server;
        this.vertx = vertx;
        this.ownVertx = ownVertx;
        this.host = host;
    }

    /** Starts on {@code vertx} (null: a private Vert.x instance); port 0 picks a free port. */
    public static KubeCluster start(Vertx vertx, String host, int port, VmSource vms, KubeConfig cfg) {
        boolean own = vertx == null;
        Vertx vx = own ? Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)) : vertx;
        KubeStore store = new KubeStore(vms::nowMillis);
        ControlPlane cp = new ControlPlane(store, vms, cfg);
        RequestCounter requests = new RequestCounter();
        try {
            HttpServer server = vx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                    .setMaxInitialLineLength(64 * 1024).setMaxHeaderSize(64 * 1024).setCompressionSupported(true)
                    .setMaxWebSocketFrameSize(16 * 1024 * 1024).setMaxWebSocketMessageSize(64 * 1024 * 1024))
                .requestHandler(new KubeApiServer(store, vx, requests)).listen()
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            cp.start();
            String advertised = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
            return new KubeCluster(store, cp, server, vx, own, advertised, requests);
        } catch (Exception e) {
            cp.close();
            if (own) {
                vx.close();
            }
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot start the Kubernetes API on " + host + ":" + port + ": " + c.getMessage(), c);
        }
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://127.0.0.1:PORT}: the master URL for fabric8 and {@code kubectl --server}. */
    public String url() {
        return "http://" + host + ":" + port();
    }

    public KubeStore store() {
        return store;
    }

    /** Requests answered so far, by verb (resource API only, not discovery). */
    public RequestCounter requests() {
        return requests;
    }

    public ControlPlane controlPlane() {
        return controlPlane;
    }

    @Override
    public void close() {
        controlPlane.close();
        try {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort
        }
        if (ownVertx) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // best effort
            }
        }
    }
}

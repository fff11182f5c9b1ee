package io.skybridge.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service's packaged app ({@code target/quarkus-app/quarkus-run.jar}) as a child process, the way it runs in
 * production, pointed at this JVM's Kafka, PostgreSQL and emulator: for tests that kill and restart a service, and
 * for benchmarks. The {@code test} profile applies; {@code extraArgs} are more JVM options (e.g. {@code -Dkey=value}).
 */
public final class PackagedService {
    private PackagedService() {
    }

    public static Process start(File jar, Map<String, String> config, String kubeUrl, int port, File log,
                                List<String> extraArgs) throws IOException {
        if (!jar.isFile()) {
            throw new IllegalStateException(jar.getAbsolutePath() + " is missing: it is built in the package phase");
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dquarkus.profile=test", "-Dquarkus.http.port=" + port, "-Dkubernetes.master=" + kubeUrl,
                "-Daws.accessKeyId=it", "-Daws.secretAccessKey=it-secret", "-Daws.region=us-east-1"));
        cmd.addAll(extraArgs);
        config.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.getAbsolutePath());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    }

    /** Waits until {@code http://127.0.0.1:port + path} answers 200. */
    public static void awaitHttp(int port, String path, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the service did not answer on port " + port + path + " within " + timeout);
    }

    /** Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) to the process, as {@code kill -SIGNAL pid}. */
    public static void signal(Process p, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
    }

    /**
     * Stops a packaged service as Kubernetes would: SIGCONT first (it may have been paused), SIGTERM so it leaves its
     * consumer groups and releases its Lease, SIGKILL if it is still running after 30 s.
     */
    public static void stop(Process p) throws IOException, InterruptedException {
        if (p.isAlive()) {
            signal(p, "CONT");
        }
        p.destroy();
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

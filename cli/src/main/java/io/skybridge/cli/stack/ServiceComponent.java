package io.skybridge.cli.stack;

import io.skybridge.cli.rest.HttpJson;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One replica of a Skybridge service, run from its packaged app ({@code target/quarkus-app}) with the %prod profile.
 * Replica 1 is named after the service and listens on its documented port; replica {@code n > 1} is named
 * {@code <service>-<n>} and listens {@code 10 × (n − 1)} ports higher (failover-2 on 8084 + 10 = 8094).
 */
public final class ServiceComponent implements Component {
    public static final List<String> SERVICES = List.of("inventory", "networking", "provisioning", "failover");
    /** A bootstrap token for the emulator's simulated kubelets (it accepts any); real clusters use a Secret. */
    static final String LOCAL_JOIN_TOKEN = "skybridge-local-emulator-token";

    /** Replicas the local stack can run of each service. */
    public static final int MAX_REPLICAS = 3;

    private final String service;
    private final int replica;

    public ServiceComponent(String service) {
        this(service, 1);
    }

    public ServiceComponent(String service, int replica) {
        if (replica < 1 || replica > MAX_REPLICAS) {
            throw new IllegalArgumentException("replica " + replica + " of " + service + ": 1 to " + MAX_REPLICAS);
        }
        this.service = service;
        this.replica = replica;
    }

    /** {@code failover} → replica 1, {@code failover-2} → replica 2; null if the name is no service replica. */
    public static ServiceComponent parse(String name) {
        int dash = name.lastIndexOf('-');
        if (dash > 0 && SERVICES.contains(name.substring(0, dash)) && name.substring(dash + 1).matches("[0-9]+")) {
            return new ServiceComponent(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1)));
        }
        return SERVICES.contains(name) ? new ServiceComponent(name) : null;
    }

    /** The names of {@code replicas} replicas of every service. */
    public static List<String> names(int replicas) {
        List<String> names = new java.util.ArrayList<>();
        for (int r = 1; r <= replicas; r++) {
            for (String s : SERVICES) {
                names.add(r == 1 ? s : s + "-" + r);
            }
        }
        return names;
    }

    @Override
    public String name() {
        return replica == 1 ? service : service + "-" + replica;
    }

    public String service() {
        return service;
    }

    private int port(StackContext ctx) {
        return ctx.ports().service(service) + 10 * (replica - 1);
    }

    @Override
    public List<String> command(StackContext ctx) {
        ctx.installation().require(ctx.installation().serviceApp(service), "services/" + service);
        java.nio.file.Path app = ctx.installation().serviceApp(service);
        List<String> cmd = new java.util.ArrayList<>(List.of(ctx.installation().java().toString(), "-Xms64m", "-Xmx320m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        // an AppCDS archive built with the app (./mvnw package -Dquarkus.package.jar.appcds.enabled=true): ~0.7 s
        // less boot; -Xshare:auto (the default) runs without it if it does not match the JVM
        java.nio.file.Path cds = app.resolveSibling("app-cds.jsa");
        if (java.nio.file.Files.isRegularFile(cds)) {
            cmd.add("-XX:SharedArchiveFile=" + cds);
        }
        cmd.add("-Dskybridge.component=" + name());
        if (System.getenv("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") == null) {
            // no collector locally unless the user names one: spans go to the trace files, the OTLP exporter's
            // connection failures to localhost:4317 are not logged
            cmd.add("-Dquarkus.log.category.\"io.quarkus.opentelemetry.runtime.exporter.otlp.sender\".level=OFF");
        }
        if (service.equals("inventory")) {
            cmd.add("-Dskybridge.console.trace-dir=" + ctx.state().traces()); // the span files behind the console's trace page
        }
        cmd.addAll(List.of("-jar", app.toString()));
        return cmd;
    }

    /** The %prod configuration of the service, pointing at the local broker, database and emulator. */
    @Override
    public Map<String, String> environment(StackContext ctx) {
        var p = ctx.ports();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port(ctx)));
        // the replica's identity in its service's Lease (skybridge-<service> in the emulator's Kubernetes API)
        env.put("SKYBRIDGE_LEADER_IDENTITY", name());
        env.put("SKYBRIDGE_LEADER_NAMESPACE", "kube-system");
        env.put("KAFKA_BOOTSTRAP_SERVERS", ctx.kafkaBootstrap());
        env.put("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"); // %prod defaults to SASL_SSL: the local broker is asked for
        // explicitly
        env.put("SKYBRIDGE_DB_JDBC_URL", PostgresComponent.jdbcUrl(ctx));
        env.put("SKYBRIDGE_DB_URL", PostgresComponent.reactiveUrl(ctx));
        env.put("SKYBRIDGE_DB_USER", PostgresComponent.USER);
        env.put("SKYBRIDGE_DB_PASSWORD", "local");
        env.put("SKYBRIDGE_CLOUD_AWS_ENDPOINT", "http://127.0.0.1:" + p.emulatorAws());
        env.put("SKYBRIDGE_CLOUD_GCP_ENDPOINT", "http://127.0.0.1:" + p.emulatorGcp());
        env.put("SKYBRIDGE_CLOUD_GCP_CREDENTIALS", "none");
        env.put("SKYBRIDGE_CLOUD_KUBERNETES_URL", ctx.kubeUrl());
        env.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", ctx.kubeUrl());
        env.put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
        env.put("SKYBRIDGE_KUBE_API_SERVER", ctx.kubeUrl());
        env.put("SKYBRIDGE_JOIN_TOKEN", LOCAL_JOIN_TOKEN);
        env.put("AWS_ACCESS_KEY_ID", "skybridge-local");
        env.put("AWS_SECRET_ACCESS_KEY", "skybridge-local");
        env.put("AWS_REGION", "us-east-1");
        env.put("SKYBRIDGE_INVENTORY_GCP_PROJECTS", "skybridge-demo");
        env.put("SKYBRIDGE_INVENTORY_DRIFT_INTERVAL", "15s");
        env.put("SKYBRIDGE_FAILOVER_DETECTION_STABILISATION", "15s");
        // two observer sites, so that the detection quorum (≥ 2 observers in ≥ 2 locations) can be met locally
        env.put("SKYBRIDGE_OBSERVER_LOCATION", service.equals("networking") ? "lab-b" : "lab-a");
        // spans to a file per replica (no collector locally; OTEL_EXPORTER_OTLP_ENDPOINT-style config still applies)
        if (service.equals("inventory")) {
            // inventory serves the operator console: the other services' REST APIs under its origin
            for (String other : List.of("failover", "provisioning", "networking")) {
                env.put("SKYBRIDGE_CONSOLE_" + other.toUpperCase(java.util.Locale.ROOT) + "_URL",
                        "http://127.0.0.1:" + ctx.ports().service(other));
            }
        }
        env.put("SKYBRIDGE_TRACING_FILE", ctx.state().traces().resolve(name() + ".jsonl").toString());
        return env;
    }

    @Override
    public boolean ready(StackContext ctx) {
        try {
            return new HttpJson().get(url(ctx) + "/q/health/ready").ok();
        } catch (IOException e) {
            return false;
        }
    }

    /** The operator console's address (served by inventory's first replica). */
    public static String consoleUrl(StackContext ctx) {
        return "http://127.0.0.1:" + ctx.ports().service("inventory") + "/console/";
    }

    public String url(StackContext ctx) {
        return "http://127.0.0.1:" + port(ctx);
    }

    @Override
    public String endpoint(StackContext ctx) {
        return url(ctx) + "  (health " + url(ctx) + "/q/health/ready)";
    }
}

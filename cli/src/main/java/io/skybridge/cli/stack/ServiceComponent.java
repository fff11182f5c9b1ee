package io.skybridge.cli.stack;

import io.skybridge.cli.rest.HttpJson;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One Skybridge service, run from its packaged app ({@code target/quarkus-app}) with the %prod profile. */
public final class ServiceComponent implements Component {
    public static final List<String> SERVICES = List.of("inventory", "networking", "provisioning", "failover");
    /** A bootstrap token for the emulator's simulated kubelets (it accepts any); real clusters use a Secret. */
    static final String LOCAL_JOIN_TOKEN = "skybridge-local-emulator-token";

    private final String service;

    public ServiceComponent(String service) {
        this.service = service;
    }

    @Override
    public String name() {
        return service;
    }

    @Override
    public List<String> command(StackContext ctx) {
        ctx.installation().require(ctx.installation().serviceApp(service), "services/" + service);
        return List.of(ctx.installation().java().toString(), "-Xms64m", "-Xmx320m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dskybridge.component=" + service,
                "-jar", ctx.installation().serviceApp(service).toString());
    }

    /** The %prod configuration of the service, pointing at the local broker, database and emulator. */
    @Override
    public Map<String, String> environment(StackContext ctx) {
        var p = ctx.ports();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(p.service(service)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", ctx.kafkaBootstrap());
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

    public String url(StackContext ctx) {
        return "http://127.0.0.1:" + ctx.ports().service(service);
    }

    @Override
    public String endpoint(StackContext ctx) {
        return url(ctx) + "  (health " + url(ctx) + "/q/health/ready)";
    }
}

package io.skybridge.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** Options every command accepts (mixed into each leaf command). */
public class GlobalOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS, else the local stack's broker)")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*), as for Kafka's own tools"
                    + " (default: $KAFKA_CONFIG_FILE; $KAFKA_SECURITY_PROTOCOL, $KAFKA_SASL_MECHANISM,"
                    + " $KAFKA_SASL_JAAS_CONFIG, $KAFKA_SSL_TRUSTSTORE_LOCATION/TYPE are read too)")
    Path kafkaConfig;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "one Kafka client setting, over the file and the environment (repeatable)")
    List<String> kafkaProperties;

    @Option(names = "--inventory-url", paramLabel = "URL", description = "inventory service (default http://127.0.0.1:8081)")
    String inventoryUrl;

    @Option(names = "--networking-url", paramLabel = "URL", description = "networking service (default http://127.0.0.1:8082)")
    String networkingUrl;

    @Option(names = "--provisioning-url", paramLabel = "URL", description = "provisioning service (default http://127.0.0.1:8083)")
    String provisioningUrl;

    @Option(names = "--failover-url", paramLabel = "URL", description = "failover service (default http://127.0.0.1:8084)")
    String failoverUrl;

    @Option(names = "--emulator-url", paramLabel = "URL", description = "the emulator's control API (default http://127.0.0.1:4570)")
    String emulatorUrl;

    @Option(names = "--kube-url", paramLabel = "URL", description = "Kubernetes API (default: the emulator's, http://127.0.0.1:6443)")
    String kubeUrl;

    @Option(names = "--output", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json")
    OutputFormat output;

    @Option(names = "--principal", paramLabel = "PRINCIPAL",
            description = "who is asking, sent as ce_principal (default user:$USER)")
    String principal;

    @Option(names = "--port-offset", paramLabel = "N", defaultValue = "${env:SKYBRIDGE_PORT_OFFSET:-0}",
            description = "added to every default port of the local stack (default $SKYBRIDGE_PORT_OFFSET or 0)")
    int portOffset;

    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:SKYBRIDGE_HOME:-.skybridge}",
            description = "state directory of the local stack: logs, pids, data (default $SKYBRIDGE_HOME or ./.skybridge)")
    Path home;

    public Ports ports() {
        return new Ports(portOffset);
    }

    public String bootstrapServers() {
        if (bootstrapServers != null) {
            return bootstrapServers;
        }
        String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        return env != null && !env.isBlank() ? env : "127.0.0.1:" + ports().kafka();
    }

    /** The servers and the client settings (security) every Kafka client of the command uses. */
    public KafkaSettings kafka() {
        Path file = kafkaConfig;
        String envFile = System.getenv("KAFKA_CONFIG_FILE");
        if (file == null && envFile != null && !envFile.isBlank()) {
            file = Path.of(envFile);
        }
        return KafkaSettings.of(bootstrapServers(), System.getenv(), file, kafkaProperties);
    }

    public String serviceUrl(String service) {
        String explicit = switch (service) {
            case "inventory" -> inventoryUrl;
            case "networking" -> networkingUrl;
            case "provisioning" -> provisioningUrl;
            case "failover" -> failoverUrl;
            default -> throw new IllegalArgumentException("no service " + service);
        };
        return explicit != null ? trim(explicit) : "http://127.0.0.1:" + ports().service(service);
    }

    public String emulatorUrl() {
        return emulatorUrl != null ? trim(emulatorUrl) : "http://127.0.0.1:" + ports().emulatorControl();
    }

    public String kubeUrl() {
        return kubeUrl != null ? trim(kubeUrl) : "http://127.0.0.1:" + ports().kube();
    }

    public OutputFormat output() {
        return output == null ? OutputFormat.text : output;
    }

    public boolean json() {
        return output() == OutputFormat.json;
    }

    public String principal() {
        if (principal != null) {
            return principal;
        }
        String user = System.getenv("USER");
        return "user:" + (user == null || user.isBlank() ? "skybridge-cli" : user);
    }

    public Path home() {
        return home.toAbsolutePath().normalize();
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

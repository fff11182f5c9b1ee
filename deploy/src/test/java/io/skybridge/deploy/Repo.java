package io.skybridge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository as the tests see it: services, their config, the topic catalogue, the documented RBAC. */
final class Repo {

    static final List<String> SERVICES = List.of("inventory", "networking", "provisioning", "failover");
    static final List<String> ENVS = List.of("dev", "aws", "gcp", "multi-cloud");
    /** The envs that run the cross-cloud control plane: 2 replicas per service, one in each cloud. */
    static final List<String> CROSS_CLOUD_ENVS = List.of("aws", "gcp", "multi-cloud");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([a-z0-9.-]+)\"");
    /** A member of a top-level @ConfigMapping interface: indented 4 spaces, no parameters. */
    private static final Pattern MAPPING_MEMBER = Pattern.compile("^    (?!return\\b)([A-Za-z][\\w.<>?, \\[\\]]*)\\s+([a-z]\\w*)\\(\\);");
    private static final Pattern NESTED_GROUP = Pattern.compile("(?m)^    (?:public\\s+)?interface\\s+(\\w+)");
    private static final Pattern WITH_NAME = Pattern.compile("^    @WithName\\(\"([^\"]+)\"\\)");

    private Repo() {
    }

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/k8s")) && Files.isRegularFile(p.resolve("contracts/asyncapi.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found above " + here);
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties applicationProperties(String svc) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(path("services/" + svc + "/src/main/resources/application.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static int httpPort(String svc) {
        return Integer.parseInt(applicationProperties(svc).getProperty("quarkus.http.port"));
    }

    /**
     * Environment variables a service reads: every ${VAR…} in its application.properties and the shared defaults,
     * and the environment names of the properties of its (and the shared module's) {@code @ConfigMapping}
     * interfaces, e.g. {@code skybridge.leader.lease-duration} → {@code SKYBRIDGE_LEADER_LEASE_DURATION}.
     */
    static Set<String> envVarsRead(String svc) {
        Set<String> vars = new TreeSet<>();
        for (String file : List.of("services/" + svc + "/src/main/resources/application.properties",
                "services/shared/src/main/resources/META-INF/microprofile-config.properties")) {
            Matcher m = ENV_REF.matcher(read(file));
            while (m.find()) {
                vars.add(m.group(1));
            }
        }
        for (String dir : List.of("services/" + svc + "/src/main/java", "services/shared/src/main/java")) {
            vars.addAll(configMappingEnvVars(path(dir)));
        }
        return vars;
    }

    /** SmallRye's environment names of the top-level members of every @ConfigMapping interface under {@code dir}. */
    static Set<String> configMappingEnvVars(Path dir) {
        Set<String> vars = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return vars;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String src = Files.readString(file);
                Matcher prefix = CONFIG_MAPPING.matcher(src);
                if (!prefix.find()) {
                    continue;
                }
                Set<String> groups = new TreeSet<>();
                Matcher nested = NESTED_GROUP.matcher(src);
                while (nested.find()) {
                    groups.add(nested.group(1));
                }
                String withName = null;
                for (String line : src.split("\n")) {
                    Matcher named = WITH_NAME.matcher(line);
                    if (named.find()) {
                        withName = named.group(1);
                        continue;
                    }
                    Matcher member = MAPPING_MEMBER.matcher(line);
                    if (member.find()) {
                        // a member whose type is a nested interface is a group (skybridge.x.group.*), not a property
                        if (!groups.contains(member.group(1).trim())) {
                            String property = withName != null ? withName : kebab(member.group(2));
                            vars.add((prefix.group(1) + "." + property).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
                        }
                        withName = null;
                    } else if (!line.trim().startsWith("@") && !line.trim().startsWith("*") && !line.trim().startsWith("/")) {
                        withName = null;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vars;
    }

    /** {@code leaseDuration} → {@code lease-duration} (SmallRye's default naming strategy). */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Kafka topics a service consumes according to its application.properties. */
    static Set<String> incomingTopics(String svc) {
        Set<String> topics = new TreeSet<>();
        applicationProperties(svc).forEach((k, v) -> {
            if (k.toString().matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                topics.add(v.toString());
            }
        });
        return topics;
    }

    static Set<String> consumerGroups(String svc) {
        Set<String> groups = new TreeSet<>();
        applicationProperties(svc).forEach((k, v) -> {
            if (k.toString().matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id")) {
                groups.add(v.toString());
            }
        });
        return groups;
    }

    /** Every {@code channels.*.address} of contracts/asyncapi.yaml. */
    static Set<String> catalogueTopics() {
        try {
            JsonNode doc = YAML.readTree(path("contracts/asyncapi.yaml").toFile());
            Set<String> topics = new TreeSet<>();
            doc.get("channels").forEach(ch -> topics.add(ch.get("address").asText()));
            return topics;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The topic table of contracts/README.md: topic → (written by, read by), as service names
     * (non-service writers such as the CLI are dropped). DLQ rows are not in it.
     */
    static Map<String, List<Set<String>>> contractTopicTable() {
        Map<String, List<Set<String>>> table = new LinkedHashMap<>();
        for (String line : read("contracts/README.md").split("\n")) {
            Matcher m = Pattern.compile("^\\| `(skybridge\\.[a-z.]+)` \\| ([^|]+) \\| ([^|]+) \\|$").matcher(line.trim());
            if (m.find()) {
                table.put(m.group(1), List.of(servicesNamed(m.group(2)), servicesNamed(m.group(3))));
            }
        }
        return table;
    }

    private static Set<String> servicesNamed(String cell) {
        Set<String> names = new TreeSet<>();
        for (String part : cell.split(",")) {
            String word = part.trim().split("[ (]")[0];
            if (SERVICES.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }

    /** One documented RBAC rule: service, apiGroup ("" = core), resource → verbs, in a ClusterRole or the namespace's Role. */
    record Rule(String service, String apiGroup, String resource, Set<String> verbs, boolean clusterScoped) {
    }

    /** The RBAC table of deploy/README.md between {@code <!-- rbac:begin -->} and {@code <!-- rbac:end -->}. */
    static List<Rule> documentedRbac() {
        String readme = read("deploy/README.md");
        int from = readme.indexOf("<!-- rbac:begin -->");
        int to = readme.indexOf("<!-- rbac:end -->");
        if (from < 0 || to < from) {
            throw new IllegalStateException("deploy/README.md has no <!-- rbac:begin --> … <!-- rbac:end --> table");
        }
        List<Rule> rules = new ArrayList<>();
        for (String line : readme.substring(from, to).split("\n")) {
            String[] cells = line.trim().split("\\|");
            if (cells.length < 5 || line.contains("---") || line.contains("service |")) {
                continue;
            }
            if (cells.length < 6) {
                throw new IllegalStateException("deploy/README.md RBAC row without a scope (cluster | namespace): " + line);
            }
            String scope = cells[5].replace("`", "").trim();
            if (!scope.equals("cluster") && !scope.equals("namespace")) {
                throw new IllegalStateException("deploy/README.md RBAC scope must be cluster or namespace: " + line);
            }
            String svc = cells[1].replace("`", "").trim();
            String group = cells[2].replace("`", "").trim();
            String resource = cells[3].replace("`", "").trim();
            Set<String> verbs = new LinkedHashSet<>();
            for (String v : cells[4].replace("`", "").split(",")) {
                if (!v.isBlank()) {
                    verbs.add(v.trim());
                }
            }
            rules.add(new Rule(svc, group.equals("core") ? "" : group, resource, verbs, scope.equals("cluster")));
        }
        return rules;
    }
}

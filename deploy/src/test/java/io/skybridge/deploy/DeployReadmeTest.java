package io.skybridge.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeployReadmeTest {

    @Test
    void the_deploy_section_says_how_to_apply_one_service_alone_after_its_secrets() {
        String readme = Repo.read("deploy/README.md");
        int deploy = readme.indexOf("\n## Deploy\n");
        assertTrue(deploy > 0, "deploy/README.md has a '## Deploy' section");
        String section = readme.substring(deploy, readme.indexOf("\n## ", deploy + 5));
        int secrets = section.indexOf("kubectl -n skybridge create secret generic networking-creds");
        int apply = section.indexOf("kubectl apply -k deploy/k8s/overlays/aws/networking");
        assertTrue(secrets > 0 && apply > secrets, "Secrets are created before the service is applied");
        for (String key : new String[] {"db-password", "kafka-sasl-jaas-config", "skybridge-cluster-ca-cert", "skybridge-postgres-admin"}) {
            assertTrue(section.contains(key), "deploy section names " + key);
        }
        Matcher m = Pattern.compile("kubectl apply -k (deploy/k8s/[a-z/]+[a-z])(?=\\s|`|$)").matcher(section);
        int count = 0;
        while (m.find()) {
            assertTrue(Files.isRegularFile(Repo.path(m.group(1)).resolve("kustomization.yaml")), m.group(1) + " exists");
            count++;
        }
        assertTrue(count >= 3, "topics, postgres and the service are applied by path");
    }

    @Test
    void the_secret_keys_the_manifests_reference_are_the_documented_ones() {
        for (String svc : Repo.SERVICES) {
            String deployment = Repo.read("deploy/k8s/base/" + svc + "/deployment.yaml");
            Matcher m = Pattern.compile("name: " + svc + "-creds\\s+key: ([a-z-]+)").matcher(deployment);
            int count = 0;
            while (m.find()) {
                assertTrue(Repo.read("deploy/README.md").contains("`" + m.group(1) + "`"), svc + " key " + m.group(1) + " documented");
                count++;
            }
            assertEquals(2, count, svc);
        }
    }

    /** The leader-election paragraph names the env the manifests set and the timings the code defaults to. */
    @Test
    void the_leader_election_section_matches_the_manifests_and_the_code_defaults() {
        String section = section("\n## Leader election\n");
        for (String s : new String[] {"SKYBRIDGE_LEADER_NAMESPACE", "SKYBRIDGE_LEADER_IDENTITY", "metadata.namespace", "metadata.name",
                "SKYBRIDGE_LEADER_ENABLED", "skybridge-<svc>", "coordination.k8s.io", "leader-election", "leaseDuration + retryPeriod"}) {
            assertTrue(section.contains(s), "Leader election section names " + s);
        }
        String config = Repo.read("services/shared/src/main/java/io/skybridge/shared/leader/LeaderConfig.java");
        Matcher m = Pattern.compile("@WithDefault\\(\"([^\"]+)\"\\)\\s+(?:java\\.time\\.)?Duration\\s+(\\w+)\\(\\);").matcher(config);
        int timings = 0;
        while (m.find()) {
            String env = "SKYBRIDGE_LEADER_" + Repo.kebab(m.group(2)).toUpperCase().replace('-', '_');
            assertTrue(section.contains("`" + env + "` (default " + m.group(1) + ")"), "README states " + env + " default " + m.group(1));
            timings++;
        }
        assertEquals(3, timings, "lease duration, renew deadline, retry period");
    }

    @Test
    void the_multi_cloud_section_says_how_to_apply_it_and_what_it_cannot_do_without_a_witness() {
        String section = section("\n## Multi-cloud");
        Matcher m = Pattern.compile("kubectl apply -k (deploy/k8s/[a-z/-]+[a-z])(?=\\s|`|$)").matcher(section);
        Set<String> applied = new TreeSet<>();
        while (m.find()) {
            assertTrue(Files.isRegularFile(Repo.path(m.group(1)).resolve("kustomization.yaml")), m.group(1) + " exists");
            applied.add(m.group(1));
        }
        assertTrue(applied.containsAll(Set.of("deploy/k8s/overlays/multi-cloud", "deploy/k8s/overlays/multi-cloud/kafka",
                "deploy/k8s/overlays/multi-cloud/postgres")), applied.toString());
        for (String heading : new String[] {"### PostgreSQL: CloudNativePG rather than Patroni", "### PostgreSQL promotion runbook",
                "### What a two-cloud-only deployment cannot survive"}) {
            assertTrue(section.contains("\n" + heading + "\n"), "deploy/README.md has " + heading);
        }
        for (String s : new String[] {"witness", "skybridge-postgres-rw", "pg_rewind", "min.insync.replicas", "KRaft"}) {
            assertTrue(section.contains(s), "multi-cloud section mentions " + s);
        }
    }

    /** From {@code heading} to the next second-level heading. */
    private static String section(String heading) {
        String readme = Repo.read("deploy/README.md");
        int from = readme.indexOf(heading);
        assertTrue(from >= 0, "deploy/README.md has " + heading.trim());
        int to = readme.indexOf("\n## ", from + heading.length());
        return readme.substring(from, to < 0 ? readme.length() : to);
    }

    @Test
    void the_generated_topics_file_says_how_it_is_regenerated_and_is_up_to_date() {
        String topics = Repo.read("deploy/k8s/base/kafka/topics/topics.yaml");
        assertTrue(topics.startsWith("# GENERATED by deploy/scripts/generate-kafka-topics.sh"));
        assertTrue(Files.isExecutable(Repo.path("deploy/scripts/generate-kafka-topics.sh")));
        for (String t : Repo.catalogueTopics()) {
            assertTrue(topics.contains("  topicName: " + t + "\n"), t);
        }
    }
}

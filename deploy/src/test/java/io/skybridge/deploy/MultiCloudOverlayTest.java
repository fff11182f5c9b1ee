package io.skybridge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The multi-cloud overlay survives the loss of either cloud, checked on what it renders: the KRaft quorum keeps a
 * majority without any one site, every topic stays writable (min.insync.replicas) without either cloud, PostgreSQL
 * keeps an instance in each cloud with every acknowledged commit in the other one, and the services reach the
 * primary through the CloudNativePG read-write Service.
 */
class MultiCloudOverlayTest {

    private static final String DIR = "deploy/k8s/overlays/multi-cloud";
    private static final Set<String> CLOUDS = Set.of("aws", "gcp");

    @TestFactory
    Stream<DynamicNode> the_kafka_cluster_keeps_its_quorum_and_every_topic_writable_without_either_cloud() {
        return Rendering.renderers().stream().map(r -> DynamicTest.dynamicTest(r.name(), () -> {
            List<ObjectNode> docs = r.render().apply(Repo.path(DIR + "/kafka"));
            JsonNode kafka = only(docs, "Kafka");
            assertEquals("skybridge", KustomizeLite.name(kafka));
            assertEquals("kafka", kafka.path("metadata").path("namespace").asText());
            assertEquals("skybridge.io/cloud", kafka.at("/spec/kafka/rack/topologyKey").asText(), "racks are clouds");
            JsonNode config = kafka.at("/spec/kafka/config");
            assertFalse(config.path("unclean.leader.election.enable").asBoolean(true), "no unclean leader election");
            assertTrue(kafka.at("/spec/kafka/listeners").findValues("port").stream().anyMatch(p -> p.asInt() == 9093),
                    "the TLS + SCRAM listener the services' KAFKA_BOOTSTRAP_SERVERS name");

            Map<String, Integer> controllers = new TreeMap<>();
            Map<String, Integer> brokers = new TreeMap<>();
            for (ObjectNode pool : ofKind(docs, "KafkaNodePool")) {
                assertEquals("skybridge", pool.at("/metadata/labels/strimzi.io~1cluster").asText(), KustomizeLite.name(pool));
                String site = site(pool.at("/spec/template/pod/affinity/nodeAffinity"), KustomizeLite.name(pool));
                Set<String> roles = new TreeSet<>();
                pool.at("/spec/roles").forEach(x -> roles.add(x.asText()));
                int replicas = pool.at("/spec/replicas").asInt();
                if (roles.contains("controller")) {
                    controllers.merge(site, replicas, Integer::sum);
                }
                if (roles.contains("broker")) {
                    brokers.merge(site, replicas, Integer::sum);
                }
            }
            assertEquals(Set.of("aws", "gcp", "witness"), controllers.keySet(), "KRaft controllers in three sites");
            int voters = controllers.values().stream().mapToInt(Integer::intValue).sum();
            controllers.forEach((site, lost) -> assertTrue(voters - lost > voters / 2,
                    "without " + site + " " + (voters - lost) + " of " + voters + " controllers remain: no majority"));
            assertEquals(CLOUDS, brokers.keySet(), "brokers in AWS and GCP only (the witness holds metadata only)");

            int defaultRf = config.path("default.replication.factor").asInt();
            int defaultMinIsr = config.path("min.insync.replicas").asInt();
            checkWritableWithoutEitherCloud("default.replication.factor", defaultRf, defaultMinIsr, brokers);
            checkWritableWithoutEitherCloud("offsets.topic.replication.factor",
                    config.path("offsets.topic.replication.factor").asInt(), defaultMinIsr, brokers);
            checkWritableWithoutEitherCloud("transaction.state.log.replication.factor",
                    config.path("transaction.state.log.replication.factor").asInt(), config.path("transaction.state.log.min.isr").asInt(), brokers);
            List<ObjectNode> topics = ofKind(docs, "KafkaTopic");
            assertEquals(Repo.catalogueTopics().size(), topics.size());
            for (ObjectNode t : topics) {
                checkWritableWithoutEitherCloud(t.at("/spec/topicName").asText(), t.at("/spec/replicas").asInt(),
                        t.at("/spec/config/min.insync.replicas").asInt(), brokers);
            }
        }));
    }

    /** The arithmetic the base topics (3 replicas, min ISR 2) fail on two clouds: one cloud holds 2 replicas. */
    @Test
    void three_replicas_over_two_clouds_would_not_survive_the_cloud_holding_two() {
        Map<String, Integer> brokers = Map.of("aws", 2, "gcp", 2);
        assertEquals(2, mostReplicasInOneCloud(3, brokers));
        assertTrue(3 - mostReplicasInOneCloud(3, brokers) < 2);
        assertEquals(2, mostReplicasInOneCloud(4, brokers));
    }

    /**
     * Kafka's rack-aware assignment alternates racks, so a cloud holds at most ceil(rf / clouds) replicas (and no more
     * than its brokers); losing it must leave at least min.insync.replicas, and min.insync.replicas ≥ 2 so that an
     * acknowledged record is on two brokers.
     */
    private static void checkWritableWithoutEitherCloud(String what, int rf, int minIsr, Map<String, Integer> brokers) {
        int total = brokers.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(rf >= 1 && rf <= total, what + ": replication factor " + rf + " for " + total + " brokers");
        assertTrue(minIsr >= 2, what + ": min.insync.replicas " + minIsr);
        int survivors = rf - mostReplicasInOneCloud(rf, brokers);
        assertTrue(survivors >= minIsr, what + ": " + rf + " replicas over " + brokers + " leave " + survivors
                + " in sync when the cloud holding most of them is lost, below min.insync.replicas " + minIsr);
    }

    private static int mostReplicasInOneCloud(int rf, Map<String, Integer> brokers) {
        int perRack = (rf + brokers.size() - 1) / brokers.size();
        return brokers.values().stream().mapToInt(b -> Math.min(b, perRack)).max().orElseThrow();
    }

    @TestFactory
    Stream<DynamicNode> postgresql_keeps_an_instance_in_each_cloud_and_every_commit_in_the_other_one() {
        return Rendering.renderers().stream().map(r -> DynamicTest.dynamicTest(r.name(), () -> {
            List<ObjectNode> docs = r.render().apply(Repo.path(DIR + "/postgres"));
            JsonNode cluster = only(docs, "Cluster");
            assertEquals("postgresql.cnpg.io/v1", cluster.path("apiVersion").asText());
            assertEquals("skybridge-postgres", KustomizeLite.name(cluster));
            assertEquals("skybridge", cluster.at("/metadata/namespace").asText());
            JsonNode spec = cluster.path("spec");
            // spread: equal instances per cloud, never the witness site
            assertEquals(CLOUDS, new TreeSet<>(values(spec.at("/affinity/nodeAffinity"))), "instances only in the two clouds");
            JsonNode spread = null;
            for (JsonNode t : spec.path("topologySpreadConstraints")) {
                if (t.path("topologyKey").asText().equals("skybridge.io/cloud")) {
                    spread = t;
                }
            }
            assertNotNull(spread, "instances spread over skybridge.io/cloud");
            assertEquals(1, spread.path("maxSkew").asInt());
            assertEquals("DoNotSchedule", spread.path("whenUnsatisfiable").asText());
            assertEquals("skybridge-postgres", spread.at("/labelSelector/matchLabels/cnpg.io~1cluster").asText());
            int instances = spec.path("instances").asInt();
            assertEquals(0, instances % CLOUDS.size(), "the same number of instances in each cloud");
            int perCloud = instances / CLOUDS.size();
            assertTrue(perCloud >= 2, "a standby in the primary's own cloud too (node failures), and an instance left after a cloud");
            // synchronous: more standbys must confirm than the primary's cloud has, so one of them is in the other cloud
            JsonNode sync = spec.at("/postgresql/synchronous");
            assertEquals("any", sync.path("method").asText());
            int number = sync.path("number").asInt();
            int localStandbys = perCloud - 1;
            assertTrue(number > localStandbys && number <= instances - 1,
                    "ANY " + number + " of " + (instances - 1) + " standbys, " + localStandbys + " of them local: a commit may skip the other cloud");
            // after a cloud is lost perCloud - 1 standbys remain; if that is fewer than `number`, only `preferred`
            // keeps writes going in the surviving cloud
            if (perCloud - 1 < number) {
                assertEquals("preferred", sync.path("dataDurability").asText(),
                        "with dataDurability required the surviving cloud would stop every write");
            }
            assertFalse(spec.has("minSyncReplicas") || spec.has("maxSyncReplicas"), "one synchronous API, not both");
            assertTrue(spec.at("/probes/liveness/isolationCheck/enabled").asBoolean(), "an isolated primary shuts itself down");
            assertEquals("skybridge-postgres-admin", spec.at("/bootstrap/initdb/secret/name").asText());
            // the role/schema Job connects to the primary through the read-write Service
            JsonNode pgConfig = docs.stream().filter(d -> KustomizeLite.name(d).equals("skybridge-postgres-config")).findFirst().orElseThrow();
            assertEquals("skybridge-postgres-rw.skybridge.svc", pgConfig.at("/data/PGHOST").asText());
        }));
    }

    @TestFactory
    Stream<DynamicNode> the_services_reach_the_primary_through_the_read_write_service() {
        return Rendering.renderers().stream().flatMap(r -> Repo.SERVICES.stream().map(svc -> DynamicTest.dynamicTest(r.name() + " " + svc, () -> {
            List<ObjectNode> docs = r.render().apply(Repo.path(DIR + "/" + svc));
            JsonNode data = docs.stream().filter(d -> KustomizeLite.name(d).equals(svc + "-config")).findFirst().orElseThrow().path("data");
            for (String key : List.of("SKYBRIDGE_DB_JDBC_URL", "SKYBRIDGE_DB_URL")) {
                assertTrue(data.path(key).asText().contains("://skybridge-postgres-rw.skybridge.svc:5432/skybridge"), svc + " " + key);
            }
            assertEquals("skybridge-kafka-bootstrap.kafka.svc:9093", data.path("KAFKA_BOOTSTRAP_SERVERS").asText(), svc);
        })));
    }

    @Test
    void the_whole_overlay_is_its_parts() {
        Set<String> whole = new TreeSet<>();
        Rendering.LITE.render().apply(Repo.path(DIR)).forEach(d -> whole.add(Rendering.id(d)));
        Set<String> parts = new TreeSet<>();
        for (String part : Stream.concat(Stream.of("kafka", "postgres"), Repo.SERVICES.stream()).toList()) {
            Rendering.LITE.render().apply(Repo.path(DIR + "/" + part)).forEach(d -> parts.add(Rendering.id(d)));
        }
        assertEquals(parts, whole);
        assertTrue(whole.contains("Cluster/skybridge/skybridge-postgres"));
        assertTrue(whole.contains("Kafka/kafka/skybridge"));
    }

    // ---------------------------------------------------------------------------------------------------

    private static List<ObjectNode> ofKind(List<ObjectNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode only(List<ObjectNode> docs, String kind) {
        List<ObjectNode> found = ofKind(docs, kind);
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    /** The values of skybridge.io/cloud that a required node affinity admits. */
    private static List<String> values(JsonNode nodeAffinity) {
        List<String> values = new ArrayList<>();
        for (JsonNode term : nodeAffinity.at("/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms")) {
            for (JsonNode e : term.path("matchExpressions")) {
                if (e.path("key").asText().equals("skybridge.io/cloud")) {
                    assertEquals("In", e.path("operator").asText());
                    e.path("values").forEach(v -> values.add(v.asText()));
                }
            }
        }
        return values;
    }

    /** The one site a node pool is pinned to. */
    private static String site(JsonNode nodeAffinity, String pool) {
        List<String> sites = values(nodeAffinity);
        assertEquals(1, sites.size(), pool + " is pinned to exactly one site: " + sites);
        return sites.get(0);
    }
}

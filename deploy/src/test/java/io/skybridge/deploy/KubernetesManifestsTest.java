package io.skybridge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Renders every overlay (kubectl kustomize where present, kustomize-lite always) and checks what a platform team expects. */
class KubernetesManifestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The verbs fabric8's LeaderElector needs on its Lease (the Role every service has in namespace skybridge). */
    private static final Set<String> LEASE_VERBS = Set.of("get", "list", "watch", "create", "update", "patch");

    @TestFactory
    Stream<DynamicNode> every_overlay_renders_services_that_are_probed_limited_confined_and_least_privileged() {
        return Rendering.renderers().stream().map(r -> DynamicContainer.dynamicContainer(r.name(),
                Rendering.overlayDirs().map(dir -> DynamicTest.dynamicTest(dir, () -> {
                    List<ObjectNode> docs = r.render().apply(Repo.path(dir));
                    assertFalse(docs.isEmpty(), dir + " renders nothing");
                    checkOverlay(dir, docs);
                }))));
    }

    @TestFactory
    Stream<DynamicNode> every_service_overlay_deploys_that_service_alone_with_its_kafka_user() {
        return Rendering.renderers().stream().flatMap(r -> Repo.ENVS.stream().flatMap(env -> Repo.SERVICES.stream().map(svc ->
                DynamicTest.dynamicTest(r.name() + " " + env + "/" + svc, () -> {
                    List<ObjectNode> docs = r.render().apply(Repo.path("deploy/k8s/overlays/" + env + "/" + svc));
                    Set<String> ids = docs.stream().map(Rendering::id).collect(Collectors.toCollection(TreeSet::new));
                    Set<String> expected = new TreeSet<>(Set.of(
                            "Deployment/skybridge/skybridge-" + svc, "Service/skybridge/skybridge-" + svc,
                            "ServiceAccount/skybridge/skybridge-" + svc, "ConfigMap/skybridge/" + svc + "-config",
                            "PodDisruptionBudget/skybridge/skybridge-" + svc, "KafkaUser/kafka/skybridge-" + svc));
                    expected.add("Role/skybridge/skybridge-" + svc);
                    expected.add("RoleBinding/skybridge/skybridge-" + svc);
                    if (svc.equals("provisioning")) {
                        expected.add("Role/kube-system/" + JOIN_TOKEN_ROLE);
                        expected.add("RoleBinding/kube-system/" + JOIN_TOKEN_ROLE);
                    }
                    if (hasClusterRules(svc)) {
                        expected.add("ClusterRole/-/skybridge-" + svc);
                        expected.add("ClusterRoleBinding/-/skybridge-" + svc);
                    }
                    assertEquals(expected, ids, env + "/" + svc + " must contain exactly its own resources");
                }))));
    }

    @TestFactory
    Stream<DynamicNode> every_topic_of_the_asyncapi_catalogue_has_a_kafka_topic_in_every_env() {
        return Rendering.renderers().stream().flatMap(r -> Repo.ENVS.stream().map(env -> DynamicTest.dynamicTest(r.name() + " " + env, () -> {
            List<ObjectNode> docs = r.render().apply(Repo.path("deploy/k8s/overlays/" + env + "/kafka"));
            Map<String, JsonNode> topics = new TreeMap<>();
            docs.stream().filter(d -> d.path("kind").asText().equals("KafkaTopic"))
                    .forEach(d -> topics.put(d.path("spec").path("topicName").asText(), d));
            assertEquals(Repo.catalogueTopics(), topics.keySet(), "KafkaTopics vs channels.*.address of contracts/asyncapi.yaml");
            assertEquals(18, topics.size(), "9 topics + 9 DLQs");
            // multi-cloud: 4 = 2 per cloud, so that one cloud's loss leaves min.insync.replicas (2) in sync
            int replicas = switch (env) {
                case "dev" -> 1;
                case "multi-cloud" -> 4;
                default -> 3;
            };
            int minIsr = env.equals("dev") ? 1 : 2;
            topics.forEach((name, t) -> {
                assertEquals("skybridge", t.path("metadata").path("labels").path("strimzi.io/cluster").asText(), name);
                assertEquals(replicas, t.path("spec").path("replicas").asInt(), name + " replicas");
                assertEquals(minIsr, t.path("spec").path("config").path("min.insync.replicas").asInt(), name + " min.insync.replicas");
                assertTrue(t.path("spec").path("partitions").asInt() >= 3, name + " partitions");
            });
        })));
    }

    @TestFactory
    Stream<DynamicNode> the_kafka_user_of_each_service_may_read_what_it_consumes_and_write_only_what_the_contract_lets_it() {
        Map<String, List<Set<String>>> table = Repo.contractTopicTable();
        return Repo.SERVICES.stream().map(svc -> DynamicTest.dynamicTest(svc, () -> {
            List<ObjectNode> docs = Rendering.LITE.render().apply(Repo.path("deploy/k8s/base/kafka/users/" + svc));
            assertEquals(1, docs.size());
            JsonNode user = docs.get(0);
            assertEquals("KafkaUser", user.path("kind").asText());
            assertEquals("scram-sha-512", user.path("spec").path("authentication").path("type").asText());
            assertEquals("simple", user.path("spec").path("authorization").path("type").asText());
            Set<String> read = new TreeSet<>();
            Set<String> write = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            Set<String> groupPrefixes = new TreeSet<>();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode res = acl.path("resource");
                if (res.path("type").asText().equals("group") && res.path("patternType").asText().equals("prefix")) {
                    // only for a consumer group whose id has a per-replica placeholder (checked below)
                    assertEquals(Set.of("Describe", "Read"), operations(acl), acl.toString());
                    groupPrefixes.add(res.path("name").asText());
                    continue;
                }
                assertEquals("literal", res.path("patternType").asText(), "no prefix/wildcard ACLs: " + acl);
                assertFalse(res.path("name").asText().contains("*"), "no wildcard: " + acl);
                Set<String> ops = new TreeSet<>();
                acl.path("operations").forEach(o -> ops.add(o.asText()));
                assertFalse(ops.contains("All"), "no All: " + acl);
                String name = res.path("name").asText();
                switch (res.path("type").asText()) {
                    case "group" -> {
                        assertEquals(Set.of("Describe", "Read"), ops);
                        groups.add(name);
                    }
                    case "topic" -> {
                        if (ops.equals(Set.of("Describe", "Read"))) {
                            read.add(name);
                        } else if (ops.equals(Set.of("Describe", "Write"))) {
                            write.add(name);
                        } else {
                            fail("unexpected operations " + ops + " on " + name);
                        }
                    }
                    default -> fail("unexpected ACL resource " + res);
                }
            }
            Set<String> expectedRead = new TreeSet<>();
            Set<String> expectedWrite = new TreeSet<>();
            table.forEach((topic, writersReaders) -> {
                if (writersReaders.get(1).contains(svc)) {
                    expectedRead.add(topic);
                    expectedWrite.add(topic + ".dlq");
                }
                if (writersReaders.get(0).contains(svc)) {
                    expectedWrite.add(topic);
                }
            });
            assertEquals(expectedRead, read, svc + " reads exactly the topics contracts/README.md says it reads");
            assertEquals(expectedWrite, write, svc + " writes exactly its topics of contracts/README.md and the DLQs of what it reads");
            assertTrue(read.containsAll(Repo.incomingTopics(svc)), svc + " may read every topic its application.properties consumes");
            assertTrue(write.contains("skybridge." + svc + ".events"), svc + " writes its own events topic");
            write.stream().filter(t -> t.endsWith(".events")).forEach(t ->
                    assertEquals("skybridge." + svc + ".events", t, svc + " must not write another domain's events"));
            // a group id with a placeholder (per replica, e.g. skybridge-failover-health-${skybridge.leader.identity})
            // needs a prefix ACL on its literal part, which must stay inside skybridge-<svc>-…; every other id a literal one
            Set<String> literalGroups = new TreeSet<>();
            Set<String> prefixes = new TreeSet<>();
            for (String id : Repo.consumerGroups(svc)) {
                if (id.contains("${")) {
                    prefixes.add(id.substring(0, id.indexOf("${")));
                } else {
                    literalGroups.add(id);
                }
            }
            assertEquals(literalGroups, groups, svc + " consumer group");
            assertEquals(Set.of("skybridge-" + svc), groups);
            assertEquals(prefixes, groupPrefixes, svc + " prefixed consumer groups");
            groupPrefixes.forEach(prefix -> assertTrue(prefix.startsWith("skybridge-" + svc + "-") && prefix.length() > ("skybridge-" + svc + "-").length(),
                    svc + ": a group prefix must not cover another service's group: " + prefix));
        }));
    }

    @TestFactory
    Stream<DynamicNode> the_cross_cloud_overlays_place_one_replica_of_every_service_in_each_cloud() {
        return Rendering.renderers().stream().flatMap(r -> Repo.CROSS_CLOUD_ENVS.stream().flatMap(env ->
                Stream.concat(Stream.of(""), Repo.SERVICES.stream().map(svc -> "/" + svc)).map(sub ->
                        DynamicTest.dynamicTest(r.name() + " " + env + sub, () -> {
                            String dir = "deploy/k8s/overlays/" + env + sub;
                            Map<String, ObjectNode> byId = new HashMap<>();
                            r.render().apply(Repo.path(dir)).forEach(d -> byId.put(Rendering.id(d), d));
                            int deployments = 0;
                            for (String svc : Repo.SERVICES) {
                                ObjectNode d = byId.get("Deployment/skybridge/skybridge-" + svc);
                                if (d != null) {
                                    checkCrossCloudPlacement(dir + " " + svc, svc, JSON.convertValue(d, Deployment.class),
                                            JSON.convertValue(byId.get("PodDisruptionBudget/skybridge/skybridge-" + svc), PodDisruptionBudget.class));
                                    deployments++;
                                }
                            }
                            assertEquals(sub.isEmpty() ? Repo.SERVICES.size() : 1, deployments, dir);
                        }))));
    }

    /**
     * 2 replicas, spread over the node label skybridge.io/cloud (maxSkew 1, DoNotSchedule, per ReplicaSet), only on
     * aws/gcp nodes (never the witness site), preferably on different hosts; the PDB keeps one of the two.
     */
    private static void checkCrossCloudPlacement(String where, String svc, Deployment d, PodDisruptionBudget pdb) {
        Map<String, String> selector = Map.of("app.kubernetes.io/name", "skybridge-" + svc);
        assertEquals(2, d.getSpec().getReplicas(), where + " replicas");
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        var spread = pod.getTopologySpreadConstraints().stream().filter(t -> t.getTopologyKey().equals("skybridge.io/cloud")).toList();
        assertEquals(1, spread.size(), where + ": one topology spread constraint on skybridge.io/cloud");
        assertEquals(1, spread.get(0).getMaxSkew(), where + " maxSkew");
        assertEquals("DoNotSchedule", spread.get(0).getWhenUnsatisfiable(), where + " whenUnsatisfiable");
        assertEquals(selector, spread.get(0).getLabelSelector().getMatchLabels(), where + " spread selector");
        assertTrue(spread.get(0).getMatchLabelKeys() != null && spread.get(0).getMatchLabelKeys().contains("pod-template-hash"),
                where + ": spread counted per ReplicaSet, so a rolling update also ends one per cloud");
        assertTrue(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().stream()
                        .anyMatch(t -> t.getPodAffinityTerm().getTopologyKey().equals("kubernetes.io/hostname")
                                && selector.equals(t.getPodAffinityTerm().getLabelSelector().getMatchLabels())),
                where + ": preferred podAntiAffinity on kubernetes.io/hostname");
        // the required node affinity admits exactly the two clouds; each term is limited to one or both of them
        Set<String> clouds = new TreeSet<>();
        for (var term : pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms()) {
            var cloud = term.getMatchExpressions().stream().filter(e -> e.getKey().equals("skybridge.io/cloud")).toList();
            assertEquals(1, cloud.size(), where + ": every node selector term names its cloud " + term);
            assertEquals("In", cloud.get(0).getOperator(), where);
            clouds.addAll(cloud.get(0).getValues());
        }
        assertEquals(Set.of("aws", "gcp"), clouds, where + ": both clouds and nothing else (no witness)");
        assertTrue(pod.getNodeSelector() == null || pod.getNodeSelector().isEmpty(), where + ": no nodeSelector that could pin one cloud");
        assertNotNull(pdb, where + " PDB");
        assertNull(pdb.getSpec().getMaxUnavailable(), where + ": PDB by minAvailable");
        assertEquals(1, pdb.getSpec().getMinAvailable().getIntVal(), where + ": PDB minAvailable 1 of 2");
    }

    // ---------------------------------------------------------------------------------------------------

    private static Set<String> operations(JsonNode acl) {
        Set<String> ops = new TreeSet<>();
        acl.path("operations").forEach(o -> ops.add(o.asText()));
        return ops;
    }

    private static void checkOverlay(String dir, List<ObjectNode> docs) {
        Map<String, ObjectNode> byId = new HashMap<>();
        for (ObjectNode d : docs) {
            assertNull(byId.put(Rendering.id(d), d), "duplicate resource " + Rendering.id(d) + " in " + dir);
            assertFalse(d.path("kind").asText().equals("Secret"), dir + ": no Secret in the repository: " + Rendering.id(d));
        }
        for (ObjectNode d : docs) {
            switch (d.path("kind").asText()) {
                case "Deployment" -> checkDeployment(dir, JSON.convertValue(d, Deployment.class), byId);
                case "ClusterRole", "Role" -> checkRole(dir, JSON.convertValue(d, ClusterRole.class));
                case "ClusterRoleBinding", "RoleBinding" -> {
                    ClusterRoleBinding b = JSON.convertValue(d, ClusterRoleBinding.class);
                    assertEquals(d.path("kind").asText().replace("Binding", ""), b.getRoleRef().getKind(),
                            dir + ": a " + d.path("kind").asText() + " binds a " + d.path("kind").asText().replace("Binding", ""));
                    assertEquals("skybridge", b.getSubjects().get(0).getNamespace(), dir + ": " + Rendering.id(d));
                    assertFalse(Set.of("cluster-admin", "admin", "edit").contains(b.getRoleRef().getName()), dir + ": " + b.getRoleRef());
                    assertEquals(b.getMetadata().getName(), b.getRoleRef().getName(), "each binding binds its own role");
                    assertEquals(1, b.getSubjects().size());
                    assertEquals(b.getMetadata().getName().equals(JOIN_TOKEN_ROLE) ? "skybridge-provisioning"
                            : b.getMetadata().getName(), b.getSubjects().get(0).getName());
                    assertEquals("ServiceAccount", b.getSubjects().get(0).getKind());
                }
                case "Job" -> {
                    PodSpec pod = JSON.convertValue(d, Job.class).getSpec().getTemplate().getSpec();
                    checkPodSecurity(dir + " " + Rendering.id(d), pod);
                    assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
                    pod.getContainers().forEach(c -> checkContainerSecurity(dir, c));
                }
                case "ConfigMap" -> JSON.convertValue(d, ConfigMap.class).getData().forEach((k, v) ->
                        assertFalse(k.toUpperCase().contains("PASSWORD") || k.toUpperCase().contains("JAAS")
                                || v.contains("password="), dir + ": secret-like key in a ConfigMap: " + k));
                default -> {
                }
            }
        }
        // every service deployed by this overlay comes with its companions
        for (String svc : Repo.SERVICES) {
            if (!byId.containsKey("Deployment/skybridge/skybridge-" + svc)) {
                continue;
            }
            for (String id : List.of("Service/skybridge/skybridge-" + svc, "ServiceAccount/skybridge/skybridge-" + svc,
                    "ConfigMap/skybridge/" + svc + "-config", "PodDisruptionBudget/skybridge/skybridge-" + svc,
                    "KafkaUser/kafka/skybridge-" + svc)) {
                assertTrue(byId.containsKey(id), dir + ": " + svc + " needs " + id);
            }
            ServiceAccount sa = JSON.convertValue(byId.get("ServiceAccount/skybridge/skybridge-" + svc), ServiceAccount.class);
            assertEquals(Boolean.TRUE, sa.getAutomountServiceAccountToken(), dir + ": " + svc + " SA automount (leader election needs the API)");
            checkRbacOfService(dir, svc, byId);
            PodDisruptionBudget pdb = JSON.convertValue(byId.get("PodDisruptionBudget/skybridge/skybridge-" + svc), PodDisruptionBudget.class);
            assertEquals(Map.of("app.kubernetes.io/name", "skybridge-" + svc), pdb.getSpec().getSelector().getMatchLabels());
            JsonNode service = byId.get("Service/skybridge/skybridge-" + svc);
            assertEquals(Repo.httpPort(svc), service.path("spec").path("ports").get(0).path("port").asInt());
            assertEquals("skybridge-" + svc, service.path("spec").path("selector").path("app.kubernetes.io/name").asText());
            if (dir.contains("/aws")) {
                assertTrue(sa.getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn").endsWith("role/skybridge-" + svc), "IRSA");
            }
            if (dir.contains("/gcp")) {
                assertTrue(sa.getMetadata().getAnnotations().get("iam.gke.io/gcp-service-account").startsWith("skybridge-" + svc + "@"), "WI");
            }
            if (dir.contains("/multi-cloud")) {
                // a replica may run in either cloud: both identities
                assertTrue(sa.getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn").endsWith("role/skybridge-" + svc), "IRSA");
                assertTrue(sa.getMetadata().getAnnotations().get("iam.gke.io/gcp-service-account").startsWith("skybridge-" + svc + "@"), "WI");
            }
        }
    }

    private static void checkDeployment(String dir, Deployment d, Map<String, ObjectNode> byId) {
        String svc = d.getMetadata().getName().replaceFirst("^skybridge-", "");
        assertTrue(Repo.SERVICES.contains(svc), "unknown deployment " + d.getMetadata().getName());
        String where = dir + " " + svc;
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        assertEquals("skybridge-" + svc, pod.getServiceAccountName(), where);
        assertEquals(Boolean.TRUE, pod.getAutomountServiceAccountToken(), where + ": every service holds its Lease through the Kubernetes API");
        checkPodSecurity(where, pod);
        assertEquals(1, pod.getContainers().size(), where);
        Container c = pod.getContainers().get(0);
        checkContainerSecurity(where, c);
        int port = Repo.httpPort(svc);
        assertEquals(port, c.getPorts().get(0).getContainerPort(), where + " containerPort = quarkus.http.port");
        checkProbe(where + " liveness", c.getLivenessProbe(), "/q/health/live");
        checkProbe(where + " readiness", c.getReadinessProbe(), "/q/health/ready");
        // resources
        assertNotNull(c.getResources().getRequests().get("cpu"), where + " cpu request");
        assertNotNull(c.getResources().getRequests().get("memory"), where + " memory request");
        assertNotNull(c.getResources().getLimits().get("cpu"), where + " cpu limit");
        assertNotNull(c.getResources().getLimits().get("memory"), where + " memory limit");
        // read-only root: /tmp is an emptyDir
        String tmpVolume = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError(where + ": /tmp not mounted")).getName();
        assertNotNull(pod.getVolumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst().orElseThrow().getEmptyDir(),
                where + ": /tmp must be an emptyDir");
        // images by overlay
        String image = c.getImage();
        if (dir.contains("/dev")) {
            assertTrue(image.startsWith("localhost:5000/skybridge-" + svc + ":"), where + " dev image from the local registry: " + image);
        } else if (dir.contains("/aws")) {
            assertTrue(image.contains(".dkr.ecr.") && image.contains("/skybridge-" + svc + ":"), where + " " + image);
        } else if (dir.contains("/gcp")) {
            assertTrue(image.contains("-docker.pkg.dev/") && image.contains("/skybridge-" + svc + ":"), where + " " + image);
        } else if (dir.contains("/multi-cloud")) {
            // one registry name for both clouds, not one cloud's registry (the survivor must still pull)
            assertFalse(image.contains(".dkr.ecr.") || image.contains("-docker.pkg.dev/"), where + " " + image);
            assertTrue(image.contains("/skybridge-" + svc + ":"), where + " " + image);
        }
        // environment: every variable set is one the service reads; secrets only by reference to <svc>-creds
        Set<String> reads = Repo.envVarsRead(svc);
        Set<String> set = new TreeSet<>();
        for (EnvVar e : c.getEnv()) {
            set.add(e.getName());
            assertNull(e.getValue() != null && e.getName().matches(".*(PASSWORD|JAAS).*") ? e.getValue() : null,
                    where + ": " + e.getName() + " must come from a Secret");
            if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                assertEquals(svc + "-creds", e.getValueFrom().getSecretKeyRef().getName(), where + " " + e.getName());
                // production fails closed: a missing credential keeps the pod from starting (dev: PLAINTEXT, optional)
                assertEquals(dir.contains("/dev") && e.getName().equals("KAFKA_SASL_JAAS_CONFIG"),
                        Boolean.TRUE.equals(e.getValueFrom().getSecretKeyRef().getOptional()),
                        where + " " + e.getName() + ": a Secret reference is optional only for dev's PLAINTEXT");
            }
        }
        for (var v : d.getSpec().getTemplate().getSpec().getVolumes()) {
            if (v.getSecret() != null) {
                assertEquals(dir.contains("/dev"), Boolean.TRUE.equals(v.getSecret().getOptional()),
                        where + " volume " + v.getName() + ": a Secret volume is optional only for dev's PLAINTEXT");
            }
        }
        c.getEnvFrom().forEach(ef -> {
            assertNull(ef.getSecretRef(), where + ": Secrets are referenced key by key, not with envFrom");
            String cm = ef.getConfigMapRef().getName();
            assertEquals(svc + "-config", cm, where);
            ObjectNode map = byId.get("ConfigMap/skybridge/" + cm);
            assertNotNull(map, where + ": ConfigMap " + cm + " is part of the overlay");
            map.path("data").fieldNames().forEachRemaining(set::add);
        });
        assertTrue(reads.containsAll(set), where + ": sets variables the service never reads: "
                + set.stream().filter(v -> !reads.contains(v)).toList() + " (reads " + reads + ")");
        // leader election: the Lease in the pod's own namespace, held under the pod's name (downward API)
        Map<String, String> fieldRefs = new TreeMap<>();
        c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null)
                .forEach(e -> fieldRefs.put(e.getName(), e.getValueFrom().getFieldRef().getFieldPath()));
        assertEquals("metadata.namespace", fieldRefs.get("SKYBRIDGE_LEADER_NAMESPACE"), where + " SKYBRIDGE_LEADER_NAMESPACE");
        assertEquals("metadata.name", fieldRefs.get("SKYBRIDGE_LEADER_IDENTITY"), where + " SKYBRIDGE_LEADER_IDENTITY");
        for (String required : List.of("KAFKA_BOOTSTRAP_SERVERS", "SKYBRIDGE_DB_JDBC_URL", "SKYBRIDGE_DB_URL",
                "SKYBRIDGE_DB_USER", "SKYBRIDGE_DB_PASSWORD", "KAFKA_SECURITY_PROTOCOL")) {
            assertTrue(set.contains(required), where + " must set " + required);
        }
        JsonNode cfg = byId.get("ConfigMap/skybridge/" + svc + "-config").path("data");
        assertEquals("skybridge_" + svc, cfg.path("SKYBRIDGE_DB_USER").asText(), where + " DB role");
        assertEquals(dir.contains("/dev") ? "PLAINTEXT" : "SASL_SSL", cfg.path("KAFKA_SECURITY_PROTOCOL").asText(), where);
        if (!dir.contains("/dev")) {
            assertEquals("SCRAM-SHA-512", cfg.path("KAFKA_SASL_MECHANISM").asText(), where);
            assertTrue(set.contains("KAFKA_SASL_JAAS_CONFIG"), where);
        }
    }

    private static void checkProbe(String where, Probe probe, String path) {
        assertNotNull(probe, where);
        assertEquals(path, probe.getHttpGet().getPath(), where);
        assertEquals("http", probe.getHttpGet().getPort().getStrVal(), where);
    }

    private static void checkPodSecurity(String where, PodSpec pod) {
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), where + " pod runAsNonRoot");
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), where);
        assertFalse(Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID()), where);
    }

    private static void checkContainerSecurity(String where, Container c) {
        var sc = c.getSecurityContext();
        assertNotNull(sc, where + " container securityContext");
        assertEquals(Boolean.TRUE, sc.getRunAsNonRoot(), where + " runAsNonRoot");
        assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), where + " readOnlyRootFilesystem");
        assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), where + " allowPrivilegeEscalation");
        assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), where + " capabilities.drop");
        assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty(), where + " no added caps");
        assertEquals("RuntimeDefault", sc.getSeccompProfile().getType(), where + " seccomp");
        assertFalse(Boolean.TRUE.equals(sc.getPrivileged()), where);
        assertNotNull(c.getResources().getLimits(), where + " limits");
    }

    /** The one Role with resourceNames: provisioning may get its join-token Secret, by name, and nothing else. */
    static final String JOIN_TOKEN_ROLE = "skybridge-provisioning-join-token";

    private static void checkRole(String dir, ClusterRole role) {
        if (role.getMetadata().getName().equals(JOIN_TOKEN_ROLE)) {
            assertEquals("kube-system", role.getMetadata().getNamespace(), dir + ": the join token's namespace");
            assertEquals(1, role.getRules().size(), dir);
            PolicyRule r = role.getRules().get(0);
            assertEquals(List.of(""), r.getApiGroups(), dir);
            assertEquals(List.of("secrets"), r.getResources(), dir);
            assertEquals(List.of("skybridge-join-token"), r.getResourceNames(), dir + ": one Secret, by name");
            assertEquals(List.of("get"), r.getVerbs(), dir + ": get only");
            return;
        }
        for (PolicyRule r : role.getRules()) {
            Stream.of(r.getApiGroups(), r.getResources(), r.getVerbs()).flatMap(List::stream)
                    .forEach(s -> assertFalse(s.contains("*"), dir + " " + role.getMetadata().getName() + ": wildcard in " + r));
            assertTrue(r.getResourceNames() == null || r.getResourceNames().isEmpty(), dir);
            assertTrue(r.getNonResourceURLs() == null || r.getNonResourceURLs().isEmpty(), dir);
            assertFalse(r.getVerbs().contains("escalate") || r.getVerbs().contains("bind") || r.getVerbs().contains("impersonate"), dir);
        }
        assertNull(role.getAggregationRule(), dir);
    }

    private static boolean hasClusterRules(String svc) {
        return Repo.documentedRbac().stream().anyMatch(r -> r.service().equals(svc) && r.clusterScoped());
    }

    /**
     * The service's rendered RBAC, flattened to (apiGroup, resource) → verbs, equals deploy/README.md's table exactly:
     * the cluster rows in ClusterRole skybridge-&lt;svc&gt;, the namespace rows in Role skybridge-&lt;svc&gt; of namespace skybridge.
     */
    private static void checkRbacOfService(String dir, String svc, Map<String, ObjectNode> byId) {
        for (boolean cluster : List.of(true, false)) {
            String kind = cluster ? "ClusterRole" : "Role";
            String id = cluster ? "ClusterRole/-/skybridge-" + svc : "Role/skybridge/skybridge-" + svc;
            String bindingId = cluster ? "ClusterRoleBinding/-/skybridge-" + svc : "RoleBinding/skybridge/skybridge-" + svc;
            Map<String, Set<String>> documented = new TreeMap<>();
            Repo.documentedRbac().stream().filter(r -> r.service().equals(svc) && r.clusterScoped() == cluster)
                    .forEach(r -> documented.put(r.apiGroup() + "/" + r.resource(), new TreeSet<>(r.verbs())));
            Map<String, Set<String>> rendered = new TreeMap<>();
            if (byId.containsKey(id)) {
                for (PolicyRule r : JSON.convertValue(byId.get(id), ClusterRole.class).getRules()) {
                    for (String g : r.getApiGroups()) {
                        for (String res : r.getResources()) {
                            rendered.computeIfAbsent(g + "/" + res, k -> new TreeSet<>()).addAll(r.getVerbs());
                        }
                    }
                }
            }
            assertEquals(documented, rendered, dir + ": " + kind + " of " + svc + " vs deploy/README.md");
            assertEquals(!documented.isEmpty(), byId.containsKey(id), dir + ": " + id);
            assertEquals(!documented.isEmpty(), byId.containsKey(bindingId), dir + ": " + bindingId);
        }
        // no other Role of the service anywhere (e.g. a second namespace)
        byId.forEach((id, d) -> {
            if (d.path("kind").asText().endsWith("Role") && KustomizeLite.name(d).equals("skybridge-" + svc)) {
                assertTrue(id.equals("ClusterRole/-/skybridge-" + svc) || id.equals("Role/skybridge/skybridge-" + svc), dir + ": " + id);
            }
        });
        assertEquals(new TreeSet<>(LEASE_VERBS), Repo.documentedRbac().stream()
                .filter(r -> r.service().equals(svc) && !r.clusterScoped() && r.apiGroup().equals("coordination.k8s.io") && r.resource().equals("leases"))
                .findFirst().map(r -> new TreeSet<>(r.verbs())).orElseThrow(() -> new AssertionError("README documents no Lease rule for " + svc)),
                svc + ": the Lease verbs fabric8's LeaderElector needs");
    }

}

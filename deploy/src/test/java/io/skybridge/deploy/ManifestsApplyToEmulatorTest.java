package io.skybridge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.EmulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The rendered overlays apply cleanly to the emulator's Kubernetes API (started in-process): Strimzi's
 * CRDs are stood in for by {@code deploy/k8s/test-crds/}, every overlay (each env's whole estate, its kafka
 * and postgres parts and each service alone) is applied object by object with fabric8 server-side apply and
 * read back, and the dev overlay is also applied with {@code kubectl apply} where kubectl exists.
 */
class ManifestsApplyToEmulatorTest {

    /** Stand-ins for the operators' CRDs (Strimzi, CloudNativePG); every file of the directory is applied. */
    static final String TEST_CRDS = "deploy/k8s/test-crds";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Emulator emulator;
    static KubernetesClient client;

    @BeforeAll
    static void start() throws IOException {
        emulator = Emulator.start(EmulatorConfig.forTests());
        client = client(emulator.kubeUrl());
        for (ObjectNode crd : testCrds()) {
            apply(client, crd);
        }
    }

    /** Every CRD of {@link #TEST_CRDS}, file by file in name order. */
    static List<ObjectNode> testCrds() throws IOException {
        List<ObjectNode> crds = new ArrayList<>();
        try (Stream<Path> files = Files.list(Repo.path(TEST_CRDS))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                crds.addAll(KustomizeLite.readDocs(f));
            }
        }
        return crds;
    }

    @AfterAll
    static void stop() {
        TARGETS.values().forEach(t -> {
            t.client().close();
            t.emulator().close();
        });
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    static KubernetesClient client(String url) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace("default")
                .withRequestRetryBackoffLimit(0).withRequestTimeout(20_000).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Applies one rendered object (server-side apply) and returns what the API server answered. */
    static HasMetadata apply(KubernetesClient c, ObjectNode doc) {
        HasMetadata obj = c.getKubernetesSerialization().unmarshal(doc.toString());
        String ns = obj.getMetadata().getNamespace();
        if (ns != null && c.namespaces().withName(ns).get() == null) {
            c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        return c.resource(obj).serverSideApply();
    }

    private static String id(HasMetadata o) {
        return o.getKind() + "/" + Objects.toString(o.getMetadata().getNamespace(), "-") + "/" + o.getMetadata().getName();
    }

    @Test
    void the_test_crds_make_the_operators_resources_discoverable() {
        var resources = client.getApiResources("kafka.strimzi.io/v1beta2").getResources().stream()
                .collect(Collectors.toMap(r -> r.getName(), r -> r.getKind()));
        assertEquals("KafkaTopic", resources.get("kafkatopics"), resources.toString());
        assertEquals("KafkaUser", resources.get("kafkausers"), resources.toString());
        assertEquals("Kafka", resources.get("kafkas"), resources.toString());
        assertEquals("KafkaNodePool", resources.get("kafkanodepools"), resources.toString());
        var cnpg = client.getApiResources("postgresql.cnpg.io/v1").getResources().stream()
                .collect(Collectors.toMap(r -> r.getName(), r -> r.getKind()));
        assertEquals("Cluster", cnpg.get("clusters"), cnpg.toString());
        for (String group : List.of("kafka.strimzi.io", "postgresql.cnpg.io")) {
            assertTrue(client.getApiGroups().getGroups().stream().anyMatch(g -> g.getName().equals(group)), group);
        }
    }

    /** One emulator per renderer and env: the envs patch the same objects differently, and server-side apply here has no field managers. */
    private static final Map<String, Target> TARGETS = new ConcurrentHashMap<>();

    record Target(Emulator emulator, KubernetesClient client) {
        static Target start() {
            Emulator e = Emulator.start(EmulatorConfig.forTests());
            KubernetesClient c = ManifestsApplyToEmulatorTest.client(e.kubeUrl());
            try {
                for (ObjectNode crd : testCrds()) {
                    apply(c, crd);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return new Target(e, c);
        }
    }

    @TestFactory
    Stream<DynamicNode> every_overlay_applies_to_the_emulator_and_every_object_reads_back() {
        return Rendering.renderers().stream().map(r -> DynamicContainer.dynamicContainer(r.name(), Repo.ENVS.stream().map(env ->
                DynamicContainer.dynamicContainer(env, Rendering.overlayDirs().filter(d -> d.startsWith("deploy/k8s/overlays/" + env))
                        .map(dir -> DynamicTest.dynamicTest(dir, () -> {
                            KubernetesClient c = TARGETS.computeIfAbsent(r.name() + "/" + env, k -> Target.start()).client();
                            List<ObjectNode> docs = r.render().apply(Repo.path(dir));
                            assertFalse(docs.isEmpty(), dir + " renders nothing");
                            for (ObjectNode doc : docs) {
                                applyAndReadBack(c, dir, doc);
                            }
                        }))))));
    }

    private static void applyAndReadBack(KubernetesClient c, String dir, ObjectNode doc) {
        HasMetadata sent = c.getKubernetesSerialization().unmarshal(doc.toString());
        HasMetadata answered = apply(c, doc);
        assertNotNull(answered, dir + ": no answer for " + id(sent));
        assertEquals(id(sent), id(answered), dir + ": the API server answered for another object");
        HasMetadata back = c.resource(sent).get();
        assertNotNull(back, dir + ": " + id(sent) + " cannot be read back");
        assertEquals(id(sent), id(back), dir);
        assertEquals(sent.getApiVersion(), back.getApiVersion(), dir + ": " + id(sent));
        assertContained(dir + ": " + id(sent), JSON.valueToTree(sent), JSON.valueToTree(back));
        if (sent instanceof Deployment d) {
            assertPodTemplateSurvived(d, (Deployment) back);
        }
    }

    @Test
    void the_dev_overlay_leaves_every_service_deployment_in_the_emulator_with_pods_waiting_for_nodes() {
        for (ObjectNode doc : KustomizeLite.render(Repo.path("deploy/k8s/overlays/dev"))) {
            apply(client, doc);
        }
        List<Deployment> deployments = client.apps().deployments().inNamespace("skybridge").list().getItems();
        TreeSet<String> expected = Repo.SERVICES.stream().map(s -> "skybridge-" + s).collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> actual = deployments.stream().map(d -> d.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, actual);
        for (Deployment d : deployments) {
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals("/q/health/live", c.getLivenessProbe().getHttpGet().getPath(), d.getMetadata().getName());
            assertEquals("/q/health/ready", c.getReadinessProbe().getHttpGet().getPath(), d.getMetadata().getName());
            assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem(), d.getMetadata().getName());
            assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation(), d.getMetadata().getName());
            assertEquals(Boolean.TRUE, d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot(), d.getMetadata().getName());
        }
        // the emulator's Deployment controller creates the pods; without nodes they stay Pending (Unschedulable)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<Pod> pods = List.of();
        while (System.nanoTime() < deadline) {
            pods = client.pods().inNamespace("skybridge").list().getItems();
            if (Repo.SERVICES.stream().allMatch(s -> podsOf(s).size() > 0)) {
                break;
            }
            sleep(100);
        }
        for (String svc : Repo.SERVICES) {
            List<Pod> mine = podsOf(svc);
            assertFalse(mine.isEmpty(), "no pod for skybridge-" + svc + " among " + pods.size() + " pods");
            mine.forEach(p -> assertEquals("Pending", p.getStatus().getPhase(), p.getMetadata().getName()));
        }
        assertTrue(client.rbac().clusterRoles().withName("skybridge-failover").get().getRules().stream()
                .anyMatch(rule -> rule.getResources().contains("pods/eviction")));
        for (String svc : Repo.SERVICES) {
            var role = client.rbac().roles().inNamespace("skybridge").withName("skybridge-" + svc).get();
            assertNotNull(role, "Role skybridge-" + svc);
            assertTrue(role.getRules().stream().anyMatch(rule -> rule.getApiGroups().contains("coordination.k8s.io")
                    && rule.getResources().contains("leases") && rule.getVerbs().containsAll(List.of("get", "create", "update"))), svc);
            assertNotNull(client.rbac().roleBindings().inNamespace("skybridge").withName("skybridge-" + svc).get(), "RoleBinding skybridge-" + svc);
        }
        assertNotNull(client.batch().v1().jobs().inNamespace("skybridge").withName("skybridge-postgres-init").get());
        assertEquals(Repo.SERVICES.size(), client.genericKubernetesResources("kafka.strimzi.io/v1beta2", "KafkaUser").inNamespace("kafka")
                .list().getItems().size());
        assertEquals((long) Repo.catalogueTopics().size(), client.genericKubernetesResources("kafka.strimzi.io/v1beta2", "KafkaTopic")
                .inNamespace("kafka").list().getItems().stream().map(t -> String.valueOf(((Map<?, ?>) t.getAdditionalProperties().get("spec"))
                        .get("topicName"))).filter(Repo.catalogueTopics()::contains).distinct().count());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Pod> podsOf(String svc) {
        String owner = "skybridge-" + svc;
        return client.pods().inNamespace("skybridge").list().getItems().stream()
                .filter(p -> p.getMetadata().getOwnerReferences().stream().anyMatch(o -> o.getKind().equals("Deployment") && o.getName().equals(owner)))
                .toList();
    }

    /** kubectl too (where it exists): a fresh emulator, the test CRDs, then the dev overlay twice (create, then update). */
    @Test
    void kubectl_applies_the_rendered_dev_overlay_to_the_emulator() throws Exception {
        Optional<Path> kubectl = Rendering.kubectl();
        Assumptions.assumeTrue(kubectl.isPresent(),
                "kubectl is not on PATH: only the fabric8 applies of every overlay (above) check the manifests against the emulator");
        Path tmp = Files.createTempDirectory("skybridge-kubectl");
        try (Emulator fresh = Emulator.start(EmulatorConfig.forTests()); KubernetesClient c = client(fresh.kubeUrl())) {
            String url = fresh.kubeUrl();
            Path k = kubectl.get();
            for (String ns : List.of("skybridge", "kafka")) {
                assertKubectl(k, url, tmp, null, "create", "namespace", ns);
            }
            assertKubectl(k, url, tmp, null, "apply", "--validate=false", "-f", Repo.path(TEST_CRDS).toString());
            String yaml = Rendering.kubectlKustomize(k, Repo.path("deploy/k8s/overlays/dev")).stream()
                    .map(ManifestsApplyToEmulatorTest::yaml).collect(Collectors.joining("---\n"));
            String first = assertKubectl(k, url, tmp, yaml, "apply", "--validate=false", "-f", "-");
            assertTrue(first.contains("deployment.apps/skybridge-failover created"), first);
            assertTrue(first.contains("kafkatopic.kafka.strimzi.io/"), first);
            String second = assertKubectl(k, url, tmp, yaml, "apply", "--validate=false", "-f", "-");
            assertTrue(second.contains("deployment.apps/skybridge-failover"), second);
            assertEquals(Repo.SERVICES.size(), c.apps().deployments().inNamespace("skybridge").list().getItems().size());
            assertEquals(Repo.SERVICES.size(), c.genericKubernetesResources("kafka.strimzi.io/v1beta2", "KafkaUser").inNamespace("kafka")
                    .list().getItems().size());
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String yaml(ObjectNode doc) {
        try {
            return Repo.YAML.writeValueAsString(doc).replaceFirst("^---\n", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String assertKubectl(Path kubectl, String url, Path tmp, String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(kubectl.toString(), "--server", url, "--cache-dir", tmp.resolve("cache").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("KUBECONFIG", tmp.resolve("no-kubeconfig").toString());
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("kubectl " + String.join(" ", args) + " timed out: " + out);
        }
        assertEquals(0, p.exitValue(), "kubectl " + String.join(" ", args) + ":\n" + out);
        return out;
    }

    /** The pod template of a Deployment (probes, resources, security contexts, token mount) survived the round trip. */
    private static void assertPodTemplateSurvived(Deployment sent, Deployment back) {
        String name = sent.getMetadata().getName();
        PodSpec s = sent.getSpec().getTemplate().getSpec();
        PodSpec b = back.getSpec().getTemplate().getSpec();
        assertEquals(s.getSecurityContext(), b.getSecurityContext(), name + " pod securityContext");
        assertEquals(s.getAutomountServiceAccountToken(), b.getAutomountServiceAccountToken(), name + " automountServiceAccountToken");
        assertEquals(s.getServiceAccountName(), b.getServiceAccountName(), name);
        assertEquals(s.getContainers().size(), b.getContainers().size(), name);
        for (int i = 0; i < s.getContainers().size(); i++) {
            Container sc = s.getContainers().get(i);
            Container bc = b.getContainers().get(i);
            assertNotNull(bc.getLivenessProbe(), name + " liveness probe");
            assertNotNull(bc.getReadinessProbe(), name + " readiness probe");
            assertEquals(sc.getLivenessProbe(), bc.getLivenessProbe(), name + " liveness probe");
            assertEquals(sc.getReadinessProbe(), bc.getReadinessProbe(), name + " readiness probe");
            assertEquals(sc.getStartupProbe(), bc.getStartupProbe(), name + " startup probe");
            assertNotNull(bc.getSecurityContext(), name + " container securityContext");
            assertEquals(sc.getSecurityContext(), bc.getSecurityContext(), name + " container securityContext");
            assertEquals(sc.getResources(), bc.getResources(), name + " resources");
            assertEquals(sc.getEnv(), bc.getEnv(), name + " env");
        }
    }

    /** Every field the manifest sets is in what the API server returns, with the same value (the server may add defaults). */
    private static void assertContained(String where, JsonNode expected, JsonNode actual) {
        contained(where, "", expected, actual);
    }

    private static void contained(String where, String path, JsonNode e, JsonNode a) {
        if (e.isObject()) {
            assertTrue(a != null && a.isObject(), where + " " + path + ": expected an object, got " + a);
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (path.isEmpty() && f.getKey().equals("status")) {
                    continue;
                }
                contained(where, path + "." + f.getKey(), f.getValue(), a.get(f.getKey()));
            }
        } else if (e.isArray()) {
            assertTrue(a != null && a.isArray() && a.size() == e.size(), where + " " + path + ": expected " + e + ", got " + a);
            for (int i = 0; i < e.size(); i++) {
                contained(where, path + "[" + i + "]", e.get(i), a.get(i));
            }
        } else if (!e.isNull()) {
            assertEquals(e, a, where + " " + path);
        }
    }
}

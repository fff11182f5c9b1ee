package io.skybridge.emulator.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static io.skybridge.emulator.kube.KubeFixtures.await;
import static io.skybridge.emulator.kube.KubeFixtures.node;
import static io.skybridge.emulator.kube.KubeFixtures.pod;
import static io.skybridge.emulator.kube.KubeFixtures.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API surface, driven by the fabric8 client the way Skybridge's services use it. */
class KubeApiTest {
    static KubeCluster cluster;
    static KubernetesClient client;
    static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeAll
    static void start() {
        cluster = KubeCluster.start(null, "127.0.0.1", 0, VmSource.NONE, KubeConfig.fast());
        client = KubeFixtures.client(cluster.url());
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    @BeforeEach
    void nodes() {
        client.nodes().resource(node("n1", "aws", "4", "8Gi")).create();
        client.nodes().resource(node("n2", "gcp", "4", "8Gi")).create();
    }

    @AfterEach
    void clean() {
        client.pods().inNamespace("default").withGracePeriod(0).delete();
        client.policy().v1().podDisruptionBudget().inNamespace("default").delete();
        client.nodes().delete();
        await("clean", WAIT, () -> client.pods().inAnyNamespace().list().getItems().isEmpty() && client.nodes().list().getItems().isEmpty());
    }

    @Test
    void servesVersionAndDiscovery() {
        assertEquals("v1.31.0-skybridge", client.getKubernetesVersion().getGitVersion());
        Set<String> groups = client.getApiGroups().getGroups().stream().map(g -> g.getName()).collect(Collectors.toSet());
        assertTrue(groups.containsAll(Set.of("apps", "policy", "coordination.k8s.io")), groups.toString());
        Set<String> core = client.getApiResources("v1").getResources().stream().map(r -> r.getName()).collect(Collectors.toSet());
        assertTrue(core.containsAll(Set.of("nodes", "nodes/status", "pods", "pods/eviction", "namespaces", "events")), core.toString());
    }

    @Test
    void rejectsStaleResourceVersionWith409() {
        Node stale = client.nodes().withName("n1").get();
        client.nodes().withName("n1").edit(n -> new NodeBuilder(n).editMetadata().addToLabels("x", "1").endMetadata().build());
        stale.getMetadata().getLabels().put("x", "2");
        KubernetesClientException e = assertThrows(KubernetesClientException.class, () -> client.nodes().resource(stale).update());
        assertEquals(409, e.getCode());
        assertEquals("1", client.nodes().withName("n1").get().getMetadata().getLabels().get("x"));
        KubernetesClientException dup = assertThrows(KubernetesClientException.class, () -> client.nodes().resource(node("n1", "aws", "1", "1Gi")).create());
        assertEquals(409, dup.getCode());
    }

    @Test
    void filtersByFieldSelectors() {
        client.nodes().withName("n1").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"unschedulable\":true}}");
        assertEquals(List.of("n1"), names(client.nodes().withField("spec.unschedulable", "true").list().getItems()));
        assertEquals(List.of("n2"), names(client.nodes().withField("spec.unschedulable", "false").list().getItems()));
        assertEquals(List.of("n2"), names(client.nodes().withField("metadata.name", "n2").list().getItems()));
        client.pods().inNamespace("default").resource(pod("p1", Map.of("app", "a"))).create();
        await("p1 bound to n2", WAIT, () -> "n2".equals(client.pods().inNamespace("default").withName("p1").get().getSpec().getNodeName()));
        assertEquals(1, client.pods().inAnyNamespace().withField("spec.nodeName", "n2").list().getItems().size());
        assertEquals(0, client.pods().inAnyNamespace().withField("spec.nodeName", "n1").list().getItems().size());
        assertEquals(0, client.pods().inAnyNamespace().withoutField("spec.nodeName", "n2").list().getItems().size());
    }

    @Test
    void filtersBySetBasedLabelSelectors() {
        client.nodes().withName("n1").edit(n -> new NodeBuilder(n).editMetadata().addToLabels("tier", "edge").endMetadata().build());
        assertEquals(List.of("n1"), names(client.nodes().withLabelIn("skybridge.io/cloud", "aws", "azure").list().getItems()));
        assertEquals(List.of("n2"), names(client.nodes().withLabelNotIn("skybridge.io/cloud", "aws").list().getItems()));
        assertEquals(List.of("n1"), names(client.nodes().withLabel("tier").list().getItems()));
        assertEquals(List.of("n2"), names(client.nodes().withoutLabel("tier").list().getItems()));
        assertEquals(List.of("n1", "n2"), names(client.nodes().withLabelSelector("skybridge.io/cloud in (aws,gcp),kubernetes.io/hostname").list().getItems()));
    }

    @Test
    void mergePatchReplacesArraysAndJsonPatchApplies() {
        client.nodes().withName("n1").patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"taints\":[{\"key\":\"a\",\"effect\":\"NoSchedule\"},{\"key\":\"b\",\"effect\":\"NoSchedule\"}]}}");
        Node n = client.nodes().withName("n1").patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"taints\":[{\"key\":\"c\",\"effect\":\"NoExecute\"}]}}");
        assertEquals(List.of("c"), n.getSpec().getTaints().stream().map(Taint::getKey).toList());
        Node j = client.nodes().withName("n1").patch(PatchContext.of(PatchType.JSON),
            "[{\"op\":\"add\",\"path\":\"/metadata/labels/pool\",\"value\":\"blue\"},{\"op\":\"remove\",\"path\":\"/spec/taints/0\"}]");
        assertEquals("blue", j.getMetadata().getLabels().get("pool"));
        assertTrue(j.getSpec().getTaints() == null || j.getSpec().getTaints().isEmpty());
    }

    @Test
    void answersInvalidPatchesWith422Quickly() {
        long t0 = System.nanoTime();
        KubernetesClientException a = assertThrows(KubernetesClientException.class, () -> client.nodes().withName("n1")
            .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/spec/nothing/here\"}]"));
        assertEquals(422, a.getCode());
        TestHttp.Reply b = TestHttp.send("PATCH", cluster.url() + "/api/v1/nodes/n1", "application/merge-patch+json", "{\"spec\": ");
        assertEquals(422, b.status(), b.body());
        assertTrue(b.body().contains("\"reason\":\"Invalid\""), b.body());
        KubernetesClientException c = assertThrows(KubernetesClientException.class, () -> client.nodes().withName("n1")
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":\"not-an-object\"}"));
        assertEquals(422, c.getCode());
        assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "invalid patches must not hang");
    }

    @Test
    void cordonsViaStrategicMergePatchAndEdit() {
        Node n = client.nodes().withName("n1").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"unschedulable\":true}}");
        assertTrue(n.getSpec().getUnschedulable());
        client.nodes().withName("n2").edit(x -> new NodeBuilder(x).editSpec().withUnschedulable(true).endSpec().build());
        assertTrue(client.nodes().withName("n2").get().getSpec().getUnschedulable());
        client.pods().inNamespace("default").resource(pod("p1", Map.of())).create();
        await("p1 unschedulable", WAIT, () -> {
            Pod p = client.pods().inNamespace("default").withName("p1").get();
            return p.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("PodScheduled") && "Unschedulable".equals(c.getReason())
                && c.getMessage().contains("2 node(s) were unschedulable"));
        });
        client.nodes().withName("n1").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"unschedulable\":null}}");
        await("p1 lands on the uncordoned node", WAIT, () -> "n1".equals(client.pods().inNamespace("default").withName("p1").get().getSpec().getNodeName()));
    }

    @Test
    void evictsPodsHonouringDisruptionBudgets() {
        for (String p : List.of("db-1", "db-2")) {
            client.pods().inNamespace("default").resource(pod(p, Map.of("app", "db"))).create();
        }
        await("db pods ready", WAIT, () -> client.pods().inNamespace("default").withLabel("app", "db").list().getItems().stream()
            .filter(KubeFixtures::ready).count() == 2);
        client.policy().v1().podDisruptionBudget().inNamespace("default").resource(new PodDisruptionBudgetBuilder()
            .withNewMetadata().withName("db").endMetadata().withNewSpec().withNewMinAvailable(1)
            .withNewSelector().addToMatchLabels("app", "db").endSelector().endSpec().build()).create();
        assertTrue(client.pods().inNamespace("default").withName("db-1").evict());
        assertFalse(client.pods().inNamespace("default").withName("db-2").evict(), "the budget allows no second disruption");
        assertNotNull(client.pods().inNamespace("default").withName("db-2").get());
        await("db-1 gone", WAIT, () -> client.pods().inNamespace("default").withName("db-1").get() == null);
        await("pdb status", WAIT, () -> {
            var s = client.policy().v1().podDisruptionBudget().inNamespace("default").withName("db").get().getStatus();
            return s != null && s.getCurrentHealthy() == 1 && s.getDisruptionsAllowed() == 0;
        });
    }

    @Test
    void keepsPodsOnUnreachableNodesTerminatingUntilForceDeleted() {
        client.pods().inNamespace("default").resource(pod("stuck", Map.of())).create();
        await("stuck running", WAIT, () -> ready(client.pods().inNamespace("default").withName("stuck").get()));
        String nodeName = client.pods().inNamespace("default").withName("stuck").get().getSpec().getNodeName();
        client.nodes().withName(nodeName).editStatus(n -> new NodeBuilder(n).editStatus().editMatchingCondition(c -> c.getType().equals("Ready"))
            .withStatus("Unknown").withReason("NodeStatusUnknown").endCondition().endStatus().build());
        client.pods().inNamespace("default").withName("stuck").delete();
        Pod p = client.pods().inNamespace("default").withName("stuck").get();
        assertNotNull(p.getMetadata().getDeletionTimestamp());
        sleep(300);
        assertNotNull(client.pods().inNamespace("default").withName("stuck").get(), "an unreachable kubelet never confirms the deletion");
        client.pods().inNamespace("default").withName("stuck").withGracePeriod(0).delete();
        assertNull(client.pods().inNamespace("default").withName("stuck").get());
    }

    @Test
    void informersSeeNodeAndPodChanges() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        SharedIndexInformer<Node> nodes = client.nodes().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node n) {
                seen.add("add:" + n.getMetadata().getName());
            }

            @Override
            public void onUpdate(Node o, Node n) {
                if (Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
                    seen.add("cordoned:" + n.getMetadata().getName());
                }
            }

            @Override
            public void onDelete(Node n, boolean unknown) {
                seen.add("delete:" + n.getMetadata().getName());
            }
        });
        List<String> pods = new CopyOnWriteArrayList<>();
        SharedIndexInformer<Pod> podInformer = client.pods().inAnyNamespace().withField("spec.nodeName", "n3").inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod p) {
                pods.add(p.getMetadata().getName());
            }

            @Override
            public void onUpdate(Pod o, Pod n) {
            }

            @Override
            public void onDelete(Pod p, boolean unknown) {
                pods.add("-" + p.getMetadata().getName());
            }
        });
        try {
            await("initial list", WAIT, () -> seen.containsAll(List.of("add:n1", "add:n2")));
            client.nodes().resource(node("n3", "gcp", "8", "16Gi")).create();
            client.nodes().withName("n1").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"unschedulable\":true}}");
            client.nodes().withName("n2").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"unschedulable\":true}}");
            client.pods().inNamespace("default").resource(pod("on-n3", Map.of())).create();
            await("pod bound to n3 seen", WAIT, () -> pods.contains("on-n3"));
            client.nodes().withName("n3").delete();
            await("node events", WAIT, () -> seen.containsAll(List.of("add:n3", "cordoned:n1", "delete:n3")));
            await("orphaned pod removed", WAIT, () -> pods.contains("-on-n3"));
            assertEquals(List.of("n1", "n2"), names(nodes.getStore().list()), "n3 left the informer cache");
        } finally {
            nodes.close();
            podInformer.close();
        }
    }

    @Test
    void bindsPodsThroughTheBindingSubresourceOnce() {
        client.nodes().withName("n1").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"unschedulable\":true}}");
        client.nodes().withName("n2").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"unschedulable\":true}}");
        client.pods().inNamespace("default").resource(pod("manual", Map.of())).create();
        client.pods().inNamespace("default").withName("manual").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"m\":\"1\"}}}");
        TestHttp.Reply r = TestHttp.post(cluster.url() + "/api/v1/namespaces/default/pods/manual/binding",
            "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"manual\"},\"target\":{\"kind\":\"Node\",\"name\":\"n1\"}}");
        assertEquals(201, r.status(), r.body());
        assertEquals("n1", client.pods().inNamespace("default").withName("manual").get().getSpec().getNodeName());
        assertEquals(409, TestHttp.post(cluster.url() + "/api/v1/namespaces/default/pods/manual/binding",
            "{\"target\":{\"name\":\"n2\"}}").status());
    }

    @Test
    void serverSideApplyCreatesThenUpdates() {
        var cm = new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("default")
            .endMetadata().addToData("a", "1").build();
        client.configMaps().inNamespace("default").resource(cm).serverSideApply();
        cm.getData().put("b", "2");
        var applied = client.configMaps().inNamespace("default").resource(cm).serverSideApply();
        assertEquals(Map.of("a", "1", "b", "2"), applied.getData());
        client.configMaps().inNamespace("default").withName("settings").delete();
    }

    @Test
    void streamsWatchEventsOverPlainHttp() {
        TestHttp.Reply r = TestHttp.send("GET", cluster.url() + "/api/v1/nodes?watch=true&fieldSelector=metadata.name%3Dn2&timeoutSeconds=1", null, null);
        assertEquals(200, r.status());
        List<String> lines = r.body().lines().toList();
        assertEquals(1, lines.size(), r.body());
        assertTrue(lines.get(0).startsWith("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Node\""), lines.get(0));
        assertTrue(lines.get(0).contains("\"name\":\"n2\""));
    }

    @Test
    void shouldAnswerAnIdleHttpWatchWithHeadersBeforeAnyEvent() throws Exception {
        // kubectl wait stops its informer once the condition holds; client-go's watch request has no deadline, so
        // it hung until the first event when the headers waited for one (found by the kubectl smoke after a drain)
        String rv = client.nodes().list().getMetadata().getResourceVersion();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(cluster.url()
            + "/api/v1/nodes?watch=true&allowWatchBookmarks=true&fieldSelector=metadata.name%3Dn2&timeoutSeconds=60&resourceVersion=" + rv))
            .timeout(Duration.ofSeconds(5)).GET().build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        try (var body = response.body()) {
            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
        }
    }

    @Test
    void shouldCountTheRequestsItAnswersByVerb() {
        long gets = cluster.requests().snapshot().getOrDefault("get", 0L);
        long lists = cluster.requests().snapshot().getOrDefault("list", 0L);
        client.nodes().withName("n1").get();
        client.nodes().list();
        client.nodes().list();
        assertEquals(gets + 1, cluster.requests().snapshot().get("get"));
        assertEquals(lists + 2, cluster.requests().snapshot().get("list"));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> l) {
        return l.stream().map(x -> x.getMetadata().getName()).sorted().toList();
    }
}

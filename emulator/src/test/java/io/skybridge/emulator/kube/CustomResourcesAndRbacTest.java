package io.skybridge.emulator.kube;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RBAC, Jobs, CustomResourceDefinitions and the custom resources they register, driven by the fabric8 client. */
class CustomResourcesAndRbacTest {
    static KubeCluster cluster;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = KubeCluster.start(null, "127.0.0.1", 0, VmSource.NONE, KubeConfig.fast());
        client = KubeFixtures.client(cluster.url());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("apps").endMetadata().build()).create();
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    private static CustomResourceDefinition crd(String group, String plural, String kind, String scope, String... versions) {
        CustomResourceDefinitionBuilder b = new CustomResourceDefinitionBuilder()
            .withNewMetadata().withName(plural + "." + group).endMetadata()
            .withNewSpec().withGroup(group).withScope(scope)
            .withNewNames().withPlural(plural).withSingular(kind.toLowerCase()).withKind(kind).withShortNames(plural.substring(0, 2))
            .withCategories("skybridge").endNames()
            .endSpec();
        for (int i = 0; i < versions.length; i++) {
            b.editSpec().addNewVersion().withName(versions[i]).withServed(true).withStorage(i == 0)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .endVersion().endSpec();
        }
        return b.build();
    }

    private static GenericKubernetesResource widget(String apiVersion, String kind, String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind)
            .withNewMetadata().withName(name).withLabels(Map.of("app", "demo")).endMetadata()
            .withAdditionalProperties(Map.of("spec", spec)).build();
    }

    @Test
    void a_stored_crd_is_established_and_serves_its_namespaced_custom_resources_with_discovery() {
        CustomResourceDefinition created = client.apiextensions().v1().customResourceDefinitions()
            .resource(crd("widgets.example.io", "widgets", "Widget", "Namespaced", "v1", "v1beta1")).create();
        assertEquals("True", created.getStatus().getConditions().stream().filter(c -> c.getType().equals("Established"))
            .findFirst().orElseThrow().getStatus());
        assertEquals("Widget", created.getStatus().getAcceptedNames().getKind());
        assertEquals(List.of("v1"), created.getStatus().getStoredVersions());

        APIGroup group = client.getApiGroup("widgets.example.io");
        assertNotNull(group, "the CRD's group is discoverable under /apis");
        assertEquals("v1", group.getPreferredVersion().getVersion(), "GA is preferred over beta");
        assertEquals(Set.of("v1", "v1beta1"), group.getVersions().stream().map(v -> v.getVersion()).collect(Collectors.toSet()));
        APIResource res = client.getApiResources("widgets.example.io/v1").getResources().stream()
            .filter(r -> r.getName().equals("widgets")).findFirst().orElseThrow();
        assertTrue(res.getNamespaced());
        assertEquals("Widget", res.getKind());
        assertEquals(List.of("wi"), res.getShortNames());
        assertEquals(List.of("skybridge"), res.getCategories());
        assertTrue(client.getApiResources("widgets.example.io/v1").getResources().stream().anyMatch(r -> r.getName().equals("widgets/status")));

        var widgets = client.genericKubernetesResources("widgets.example.io/v1", "Widget").inNamespace("apps");
        widgets.resource(widget("widgets.example.io/v1", "Widget", "w1", Map.of("size", 3, "colour", "blue"))).create();
        GenericKubernetesResource back = widgets.withName("w1").get();
        assertNotNull(back);
        assertEquals("apps", back.getMetadata().getNamespace());
        assertEquals("Widget", back.getKind());
        assertEquals(Map.of("size", 3, "colour", "blue"), back.getAdditionalProperties().get("spec"));
        assertNotNull(back.getMetadata().getUid());

        widgets.withName("w1").edit(w -> {
            w.setAdditionalProperty("spec", Map.of("size", 5));
            return w;
        });
        assertEquals(Map.of("size", 5), widgets.withName("w1").get().getAdditionalProperties().get("spec"));
        assertEquals(List.of("w1"), widgets.withLabel("app", "demo").list().getItems().stream().map(w -> w.getMetadata().getName()).toList());
        assertEquals(1, client.genericKubernetesResources("widgets.example.io/v1", "Widget").inAnyNamespace().list().getItems().size());

        widgets.withName("w1").delete();
        assertNull(widgets.withName("w1").get());
    }

    @Test
    void a_cluster_scoped_crd_serves_objects_without_a_namespace_and_deleting_the_crd_removes_them() {
        client.apiextensions().v1().customResourceDefinitions().resource(crd("gizmos.example.io", "gizmos", "Gizmo", "Cluster", "v1alpha1")).create();
        var gizmos = client.genericKubernetesResources("gizmos.example.io/v1alpha1", "Gizmo");
        gizmos.resource(widget("gizmos.example.io/v1alpha1", "Gizmo", "g1", Map.of("on", true))).create();
        GenericKubernetesResource g = gizmos.withName("g1").get();
        assertNotNull(g);
        assertNull(g.getMetadata().getNamespace());
        assertFalse(client.getApiResources("gizmos.example.io/v1alpha1").getResources().stream()
            .filter(r -> r.getName().equals("gizmos")).findFirst().orElseThrow().getNamespaced());
        assertEquals(404, TestHttp.send("GET", cluster.url() + "/apis/gizmos.example.io/v1alpha1/namespaces/apps/gizmos", null, null).status(),
            "a cluster-scoped resource has no namespaced path");

        client.apiextensions().v1().customResourceDefinitions().withName("gizmos.gizmos.example.io").delete();
        assertNull(client.getApiGroup("gizmos.example.io"), "the group leaves discovery with its last CRD");
        assertEquals(404, TestHttp.send("GET", cluster.url() + "/apis/gizmos.example.io/v1alpha1/gizmos/g1", null, null).status());
    }

    @Test
    void an_unknown_plural_without_a_crd_is_404() {
        assertEquals(404, TestHttp.send("GET", cluster.url() + "/apis/nothing.example.io/v1/namespaces/apps/gadgets", null, null).status());
        assertEquals(404, TestHttp.post(cluster.url() + "/apis/nothing.example.io/v1/namespaces/apps/gadgets",
            "{\"apiVersion\":\"nothing.example.io/v1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"x\"}}").status());
        assertEquals(404, TestHttp.send("GET", cluster.url() + "/apis/nothing.example.io/v1", null, null).status());
        ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup("nothing.example.io").withVersion("v1")
            .withPlural("gadgets").withKind("Gadget").withNamespaced(true).build();
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
            () -> client.genericKubernetesResources(ctx).inNamespace("apps").list());
        assertEquals(404, e.getCode());
        assertNull(client.genericKubernetesResources(ctx).inNamespace("apps").withName("x").get());
    }

    @Test
    void an_invalid_crd_is_rejected_with_422() {
        CustomResourceDefinition bad = crd("bad.example.io", "things", "Thing", "Namespaced", "v1");
        bad.getMetadata().setName("wrong.bad.example.io");
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
            () -> client.apiextensions().v1().customResourceDefinitions().resource(bad).create());
        assertEquals(422, e.getCode());
        assertTrue(e.getMessage().contains("spec.names.plural"), e.getMessage());
        assertNull(client.getApiGroup("bad.example.io"));
    }

    @Test
    void rbac_roles_bindings_and_their_cluster_variants_round_trip() {
        PolicyRule nodes = new PolicyRuleBuilder().withApiGroups("").withResources("nodes").withVerbs("get", "list", "watch", "patch").build();
        PolicyRule evict = new PolicyRuleBuilder().withApiGroups("").withResources("pods/eviction").withVerbs("create").build();
        client.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("skybridge-failover").endMetadata()
            .withRules(nodes, evict).build()).create();
        client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName("skybridge-failover").endMetadata()
            .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("skybridge-failover").endRoleRef()
            .addNewSubject().withKind("ServiceAccount").withName("skybridge-failover").withNamespace("apps").endSubject().build()).create();
        client.rbac().roles().inNamespace("apps").resource(new RoleBuilder().withNewMetadata().withName("reader").endMetadata()
            .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("configmaps").withVerbs("get").build()).build()).create();
        client.rbac().roleBindings().inNamespace("apps").resource(new RoleBindingBuilder().withNewMetadata().withName("reader").endMetadata()
            .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("reader").endRoleRef()
            .addNewSubject().withKind("ServiceAccount").withName("default").withNamespace("apps").endSubject().build()).create();

        ClusterRole cr = client.rbac().clusterRoles().withName("skybridge-failover").get();
        assertEquals(List.of(nodes, evict), cr.getRules());
        assertNull(cr.getMetadata().getNamespace());
        ClusterRoleBinding crb = client.rbac().clusterRoleBindings().withName("skybridge-failover").get();
        assertEquals("skybridge-failover", crb.getRoleRef().getName());
        assertEquals("apps", crb.getSubjects().get(0).getNamespace());
        Role role = client.rbac().roles().inNamespace("apps").withName("reader").get();
        assertEquals(List.of("get"), role.getRules().get(0).getVerbs());
        RoleBinding rb = client.rbac().roleBindings().inNamespace("apps").withName("reader").get();
        assertEquals("Role", rb.getRoleRef().getKind());

        ClusterRole applied = client.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("skybridge-failover")
            .endMetadata().withRules(nodes).build()).serverSideApply();
        assertEquals(List.of(nodes), applied.getRules(), "server-side apply replaces the rules");
        Set<String> rbac = client.getApiResources("rbac.authorization.k8s.io/v1").getResources().stream().map(APIResource::getName)
            .collect(Collectors.toSet());
        assertEquals(Set.of("roles", "clusterroles", "rolebindings", "clusterrolebindings"), rbac);
        assertEquals(1, client.rbac().roles().inAnyNamespace().list().getItems().size());
    }

    @Test
    void jobs_are_stored_with_a_status_subresource() {
        Job job = new JobBuilder().withNewMetadata().withName("init").endMetadata()
            .withNewSpec().withBackoffLimit(2).withNewTemplate().withNewSpec().withRestartPolicy("OnFailure")
            .addNewContainer().withName("init").withImage("postgres:17").withCommand("true").endContainer()
            .endSpec().endTemplate().endSpec().build();
        client.batch().v1().jobs().inNamespace("apps").resource(job).create();
        Job back = client.batch().v1().jobs().inNamespace("apps").withName("init").get();
        assertEquals(2, back.getSpec().getBackoffLimit());
        assertEquals("postgres:17", back.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        back.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withSucceeded(1).build());
        client.batch().v1().jobs().inNamespace("apps").resource(back).updateStatus();
        assertEquals(1, client.batch().v1().jobs().inNamespace("apps").withName("init").get().getStatus().getSucceeded());
        client.batch().v1().jobs().inNamespace("apps").withName("init").delete();
        assertNull(client.batch().v1().jobs().inNamespace("apps").withName("init").get());
    }
}

package io.skybridge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KustomizeLiteTest {

    @Test
    void a_patch_merges_containers_and_env_by_name_and_the_images_transformer_retags(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("base"));
        Files.writeString(dir.resolve("base/kustomization.yaml"), "resources:\n  - d.yaml\n");
        Files.writeString(dir.resolve("base/d.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                        - name: a
                          image: repo/a:1
                          env: [{name: K, value: v}, {name: L, value: w}]
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [base]
                images: [{name: repo/a, newName: reg/a, newTag: "2"}]
                patches: [{path: p.yaml}]
                """);
        Files.writeString(dir.resolve("p.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: a
                          env: [{name: L, value: z}]
                """);
        List<ObjectNode> out = KustomizeLite.render(dir);
        assertEquals(1, out.size());
        JsonNode c = out.get(0).at("/spec/template/spec/containers/0");
        assertEquals(1, out.get(0).at("/spec/replicas").asInt());
        assertEquals("reg/a:2", c.get("image").asText());
        assertEquals("v", c.at("/env/0/value").asText());
        assertEquals("z", c.at("/env/1/value").asText());
        assertEquals(2, c.get("env").size());
    }

    @Test
    void a_null_in_a_patch_deletes_the_key_as_a_strategic_merge_does(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [a.yaml]\npatches: [{path: p.yaml}]\n");
        Files.writeString(dir.resolve("a.yaml"), """
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: a}
                spec: {maxUnavailable: 1, selector: {matchLabels: {k: v}}}
                """);
        Files.writeString(dir.resolve("p.yaml"), """
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: a}
                spec: {maxUnavailable: null, minAvailable: 1}
                """);
        JsonNode spec = KustomizeLite.render(dir).get(0).get("spec");
        assertEquals(false, spec.has("maxUnavailable"), spec.toString());
        assertEquals(1, spec.get("minAvailable").asInt());
        assertEquals("v", spec.at("/selector/matchLabels/k").asText());
    }

    @Test
    void an_unsupported_kustomize_feature_is_refused_rather_than_ignored(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "namePrefix: x-\nresources: []\n");
        assertThrows(IllegalArgumentException.class, () -> KustomizeLite.render(dir));
    }

    @Test
    void a_patch_that_matches_nothing_fails(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [a.yaml]\npatches: [{path: p.yaml}]\n");
        Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        Files.writeString(dir.resolve("p.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {k: v}\n");
        assertThrows(IllegalArgumentException.class, () -> KustomizeLite.render(dir));
    }

    /** Where kubectl exists, kustomize-lite must render every overlay exactly as kubectl kustomize does. */
    @TestFactory
    Stream<DynamicTest> kustomize_lite_renders_every_overlay_like_kubectl_kustomize() {
        return Rendering.renderers().stream().filter(r -> r != Rendering.LITE).flatMap(kubectl ->
                Rendering.overlayDirs().map(dir -> DynamicTest.dynamicTest(dir, () -> {
                    assertEquals(byId(kubectl.render().apply(Repo.path(dir))), byId(KustomizeLite.render(Repo.path(dir))), dir);
                })));
    }

    private static Map<String, JsonNode> byId(List<ObjectNode> docs) {
        Map<String, JsonNode> m = new TreeMap<>();
        docs.forEach(d -> m.put(Rendering.id(d), d));
        return m;
    }
}

package io.skybridge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A small kustomize for exactly the features deploy/k8s uses, so the manifests can be rendered where
 * kubectl is absent: {@code resources} (files, multi-document, and directories with a kustomization.yaml),
 * {@code images} (newName/newTag), {@code configMapGenerator} (files, with disableNameSuffixHash) and
 * {@code patches} given by {@code path} — strategic-merge style: maps merge deeply, lists of objects
 * with a {@code name} merge by name, other lists are replaced, {@code null} deletes a key; without a target the patch applies to the
 * resource of the same kind+name, with a {@code target} (kind, optional name regex) to every match.
 * Anything else in a kustomization.yaml is refused, so the fallback cannot silently diverge.
 */
final class KustomizeLite {

    private static final List<String> SUPPORTED =
            List.of("apiVersion", "kind", "resources", "images", "patches", "configMapGenerator", "generatorOptions");

    private KustomizeLite() {
    }

    static List<ObjectNode> render(Path dir) {
        try {
            return build(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ObjectNode> build(Path dir) throws IOException {
        JsonNode k = Repo.YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        k.fieldNames().forEachRemaining(f -> {
            if (!SUPPORTED.contains(f)) {
                throw new IllegalArgumentException(dir + ": kustomize-lite does not support '" + f + "'");
            }
        });
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode r : iter(k.get("resources"))) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(build(p));
            } else {
                out.addAll(readDocs(p));
            }
        }
        for (JsonNode g : iter(k.get("configMapGenerator"))) {
            if (!k.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false)) {
                throw new IllegalArgumentException(dir + ": kustomize-lite generates ConfigMaps only with disableNameSuffixHash");
            }
            ObjectNode cm = Repo.YAML.createObjectNode();
            cm.put("apiVersion", "v1");
            cm.put("kind", "ConfigMap");
            ObjectNode meta = cm.putObject("metadata");
            meta.put("name", g.get("name").asText());
            if (g.has("namespace")) {
                meta.put("namespace", g.get("namespace").asText());
            }
            ObjectNode data = cm.putObject("data");
            for (JsonNode f : iter(g.get("files"))) {
                Path file = dir.resolve(f.asText());
                data.put(file.getFileName().toString(), Files.readString(file));
            }
            out.add(cm);
        }
        for (JsonNode patchRef : iter(k.get("patches"))) {
            if (!patchRef.has("path")) {
                throw new IllegalArgumentException(dir + ": kustomize-lite supports only patches with a path");
            }
            List<ObjectNode> patches = readDocs(dir.resolve(patchRef.get("path").asText()));
            if (patches.size() != 1) {
                throw new IllegalArgumentException(dir + ": one patch per file");
            }
            ObjectNode patch = patches.get(0);
            JsonNode target = patchRef.get("target");
            int applied = 0;
            for (ObjectNode res : out) {
                boolean match = target == null
                        ? sameKindAndName(res, patch)
                        : res.path("kind").asText().equals(target.path("kind").asText())
                        && (!target.has("name") || Pattern.matches(target.get("name").asText(), name(res)));
                if (match) {
                    ObjectNode p = patch.deepCopy();
                    if (target != null) {
                        ((ObjectNode) p.get("metadata")).remove("name");
                    }
                    merge(res, p);
                    applied++;
                }
            }
            if (applied == 0) {
                throw new IllegalArgumentException(dir + ": patch " + patchRef + " matches no resource");
            }
        }
        for (JsonNode image : iter(k.get("images"))) {
            String name = image.get("name").asText();
            for (ObjectNode res : out) {
                for (JsonNode c : containers(res)) {
                    String current = c.path("image").asText();
                    int colon = current.lastIndexOf(':');
                    String repo = colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
                    String tag = colon > current.lastIndexOf('/') ? current.substring(colon + 1) : null;
                    if (repo.equals(name)) {
                        String newRepo = image.has("newName") ? image.get("newName").asText() : repo;
                        String newTag = image.has("newTag") ? image.get("newTag").asText() : tag;
                        ((ObjectNode) c).put("image", newTag == null ? newRepo : newRepo + ":" + newTag);
                    }
                }
            }
        }
        return out;
    }

    private static List<JsonNode> containers(ObjectNode res) {
        List<JsonNode> list = new ArrayList<>();
        JsonNode spec = res.path("spec").path("template").path("spec");
        iter(spec.get("containers")).forEach(list::add);
        iter(spec.get("initContainers")).forEach(list::add);
        return list;
    }

    static String name(JsonNode res) {
        return res.path("metadata").path("name").asText();
    }

    private static boolean sameKindAndName(JsonNode a, JsonNode b) {
        return a.path("kind").asText().equals(b.path("kind").asText()) && name(a).equals(name(b));
    }

    /** Strategic-merge style merge of {@code patch} into {@code target}. */
    static void merge(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(e -> {
            JsonNode existing = target.get(e.getKey());
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey()); // strategic merge: null deletes the key
            } else if (existing instanceof ObjectNode obj && value.isObject()) {
                merge(obj, value);
            } else if (existing instanceof ArrayNode arr && value.isArray() && namedObjects(arr) && namedObjects(value)) {
                for (JsonNode item : value) {
                    ObjectNode same = null;
                    for (JsonNode old : arr) {
                        if (old.get("name").asText().equals(item.get("name").asText())) {
                            same = (ObjectNode) old;
                        }
                    }
                    if (same != null) {
                        merge(same, item);
                    } else {
                        arr.add(item.deepCopy());
                    }
                }
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        });
    }

    private static boolean namedObjects(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isObject() || !n.has("name")) {
                return false;
            }
        }
        return true;
    }

    static List<ObjectNode> readDocs(Path file) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (var it = Repo.YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && n.isObject() && n.size() > 0) {
                    docs.add((ObjectNode) n);
                }
            }
        }
        return docs;
    }

    private static Iterable<JsonNode> iter(JsonNode n) {
        return n == null ? List.of() : n;
    }
}

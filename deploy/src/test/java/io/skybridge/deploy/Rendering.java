package io.skybridge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/** Renders a kustomization with {@code kubectl kustomize} where kubectl exists, and always with {@link KustomizeLite}. */
final class Rendering {

    record Renderer(String name, Function<Path, List<ObjectNode>> render) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Rendering() {
    }

    static final Renderer LITE = new Renderer("kustomize-lite", KustomizeLite::render);

    static Optional<Path> kubectl() {
        for (String dir : Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin").split(":")) {
            Path p = Path.of(dir, "kubectl");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        Path fallback = Path.of("/usr/bin/kubectl");
        return Files.isExecutable(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    /** kubectl kustomize when present, and kustomize-lite always (so the checks run even without kubectl). */
    static List<Renderer> renderers() {
        List<Renderer> list = new ArrayList<>();
        kubectl().ifPresent(k -> list.add(new Renderer("kubectl kustomize", dir -> kubectlKustomize(k, dir))));
        list.add(LITE);
        return list;
    }

    /** Every kustomization the overlays offer: per env the whole estate, then kafka, postgres and each service alone. */
    static Stream<String> overlayDirs() {
        List<String> dirs = new ArrayList<>();
        for (String env : Repo.ENVS) {
            dirs.add("deploy/k8s/overlays/" + env);
            dirs.add("deploy/k8s/overlays/" + env + "/kafka");
            dirs.add("deploy/k8s/overlays/" + env + "/postgres");
            for (String svc : Repo.SERVICES) {
                dirs.add("deploy/k8s/overlays/" + env + "/" + svc);
            }
        }
        return dirs.stream();
    }

    static List<ObjectNode> kubectlKustomize(Path kubectl, Path dir) {
        try {
            Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + err);
            }
            List<ObjectNode> docs = new ArrayList<>();
            try (var it = Repo.YAML.readerFor(JsonNode.class).<JsonNode>readValues(out)) {
                while (it.hasNext()) {
                    JsonNode n = it.next();
                    if (n != null && n.isObject()) {
                        docs.add((ObjectNode) n);
                    }
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String id(JsonNode res) {
        return res.path("kind").asText() + "/" + res.path("metadata").path("namespace").asText("-") + "/"
                + KustomizeLite.name(res);
    }
}

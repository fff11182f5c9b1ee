package io.skybridge.emulator.kube.controller.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.KubeConfig;

/**
 * The DefaultTolerationSeconds admission plugin: a new pod that does not already tolerate the not-ready or
 * unreachable NoExecute taint gets {@code {key, operator: Exists, effect: NoExecute, tolerationSeconds}} for it,
 * with kube-apiserver's {@code --default-not-ready-toleration-seconds} / {@code --default-unreachable-toleration-seconds}.
 */
public final class DefaultTolerationSeconds {
    private DefaultTolerationSeconds() {
    }

    public static void admit(ObjectNode pod, KubeConfig cfg) {
        ObjectNode spec = pod.has("spec") && pod.get("spec").isObject() ? (ObjectNode) pod.get("spec") : pod.putObject("spec");
        ArrayNode tolerations = spec.has("tolerations") && spec.get("tolerations").isArray()
            ? (ArrayNode) spec.get("tolerations") : spec.putArray("tolerations");
        add(tolerations, Taints.NOT_READY, cfg.defaultNotReadyTolerationSeconds.toSeconds());
        add(tolerations, Taints.UNREACHABLE, cfg.defaultUnreachableTolerationSeconds.toSeconds());
    }

    private static void add(ArrayNode tolerations, String key, long seconds) {
        for (JsonNode t : tolerations) {
            String effect = t.path("effect").asText("");
            if (key.equals(t.path("key").asText()) && (effect.isEmpty() || effect.equals(Taints.NO_EXECUTE))) {
                return;
            }
        }
        tolerations.addObject().put("key", key).put("operator", "Exists").put("effect", Taints.NO_EXECUTE).put("tolerationSeconds", seconds);
    }
}

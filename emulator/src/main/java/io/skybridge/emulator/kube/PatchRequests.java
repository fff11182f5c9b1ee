package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.util.List;

/**
 * A PATCH request: its body parsed by content type (JSON, or YAML for server-side apply), the flavour picked
 * ({@link Patches}: JSON patch, merge patch, strategic merge / apply), and the result checked before it is stored.
 */
final class PatchRequests {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PatchRequests() {
    }

    /** The patch document; 422 when it cannot be read or is empty. {@code ct} is the lower-cased content type. */
    static JsonNode parse(ResourceType t, String name, String ct, byte[] body) {
        JsonNode patch;
        try {
            patch = ct.startsWith("application/apply-patch") ? YAML.readTree(body) : Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw KubeException.invalid(t, name, "the patch is not valid JSON: " + e.getMessage());
        }
        if (patch == null || patch.isMissingNode()) {
            throw KubeException.invalid(t, name, "empty patch");
        }
        return patch;
    }

    /** {@code cur} with {@code patch} applied: 415 for an unknown flavour, 422 when it cannot apply or breaks the object. */
    static ObjectNode apply(ResourceType t, String name, ObjectNode cur, String ct, JsonNode patch) {
        JsonNode result;
        try {
            if (ct.startsWith("application/json-patch+json")) {
                result = Patches.jsonPatch(cur, patch);
            } else if (ct.startsWith("application/merge-patch+json")) {
                if (!patch.isObject()) {
                    throw new Patches.PatchException("a merge patch must be a JSON object");
                }
                result = Patches.mergePatch(cur, patch);
            } else if (ct.startsWith("application/strategic-merge-patch+json") || ct.startsWith("application/apply-patch")) {
                if (!patch.isObject()) {
                    throw new Patches.PatchException("a strategic merge patch must be a JSON object");
                }
                result = Patches.strategicMergePatch(cur, patch);
            } else {
                throw new KubeException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: "
                    + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json", null, null);
            }
        } catch (Patches.PatchException e) {
            throw KubeException.invalid(t, name, e.getMessage());
        }
        if (result == null || !result.isObject() || !result.path("metadata").isObject()) {
            throw KubeException.invalid(t, name, "the patched object is not a valid " + t.kind());
        }
        for (String f : List.of("spec", "status")) {
            if (result.has(f) && !result.get(f).isObject() && !result.get(f).isNull()) {
                throw KubeException.invalid(t, name, f + ": Invalid value: must be an object");
            }
        }
        if (!name.equals(Json.name(result))) {
            throw KubeException.invalid(t, name, "metadata.name: Invalid value: field is immutable");
        }
        return (ObjectNode) result;
    }
}

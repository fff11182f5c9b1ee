package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Skybridge's node join configuration, carried in a VM's user data / startup script as one line
 * {@code SKYBRIDGE_JOIN=<base64 of JSON>} (optionally prefixed by {@code export} and quoted), or as the whole
 * value of the Compute Engine metadata key {@code skybridge-join} (the JSON itself or the same line).
 * JSON: {@code {"apiServer":"http://..","token":"..","nodeName":"optional","pool":"optional",
 * "labels":{"k":"v"},"taints":[{"key":"k","value":"v","effect":"NoSchedule"}]}}. Several VMs launched by one
 * multi-instance {@code RunInstances} share one user data: {@code "nodeNames":["a","b",..]} then names each
 * by its launch index (what a boot script reads from the instance metadata {@code ami-launch-index}).
 */
public record JoinConfig(String apiServer, String token, String nodeName, String pool, Map<String, String> labels,
                         List<Map<String, String>> taints, List<String> nodeNames) {

    public JoinConfig(String apiServer, String token, String nodeName, String pool, Map<String, String> labels,
                      List<Map<String, String>> taints) {
        this(apiServer, token, nodeName, pool, labels, taints, List.of());
    }

    /** The node name of the VM with this launch index: its entry of {@code nodeNames}, else {@code nodeName}. */
    public String nodeNameAt(int launchIndex) {
        if (nodeNames != null && launchIndex >= 0 && launchIndex < nodeNames.size()) {
            return nodeNames.get(launchIndex);
        }
        return nodeName;
    }

    private static final Pattern LINE = Pattern.compile("(?m)^\\s*(?:export\\s+)?SKYBRIDGE_JOIN=[\"']?([A-Za-z0-9+/=_-]+)[\"']?\\s*$");

    /** The join configuration found in {@code text}, or null. */
    public static JoinConfig find(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = LINE.matcher(text);
        String json = null;
        if (m.find()) {
            try {
                String b = m.group(1);
                json = new String(b.contains("-") || b.contains("_") ? Base64.getUrlDecoder().decode(b) : Base64.getDecoder().decode(b), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        } else if (text.trim().startsWith("{")) {
            json = text.trim();
        }
        if (json == null) {
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            if (!n.isObject()) {
                return null;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            n.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            List<Map<String, String>> taints = new ArrayList<>();
            for (JsonNode t : n.path("taints")) {
                Map<String, String> tm = new LinkedHashMap<>();
                t.fields().forEachRemaining(e -> tm.put(e.getKey(), e.getValue().asText()));
                taints.add(tm);
            }
            List<String> names = new ArrayList<>();
            n.path("nodeNames").forEach(x -> names.add(x.asText()));
            return new JoinConfig(n.path("apiServer").asText(null), n.path("token").asText(null), n.path("nodeName").asText(null),
                n.path("pool").asText(null), labels, taints, names);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The user-data line for {@code json} (what the provisioning service writes). */
    public static String line(String json) {
        return "SKYBRIDGE_JOIN=" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

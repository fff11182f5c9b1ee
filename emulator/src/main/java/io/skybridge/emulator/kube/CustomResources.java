package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CustomResourceDefinitions ({@code apiextensions.k8s.io/v1}): validation of the fields the API server needs,
 * the status a real API server reports once the names are accepted, and the resource types a CRD registers
 * (one per served version). No schema validation, no conversion, no controllers: objects are stored as sent.
 */
final class CustomResources {
    private static final Pattern VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    private CustomResources() {
    }

    /** Kubernetes' version priority: GA before beta before alpha, higher numbers first, others last alphabetically. */
    static final Comparator<String> VERSION_PRIORITY = (a, b) -> {
        long ka = rank(a);
        long kb = rank(b);
        return ka != kb ? Long.compare(kb, ka) : a.compareTo(b);
    };

    private static long rank(String v) {
        Matcher m = VERSION.matcher(v);
        if (!m.matches()) {
            return -1;
        }
        long major = Long.parseLong(m.group(1));
        long stage = m.group(2) == null ? 3 : m.group(2).equals("beta") ? 2 : 1;
        long minor = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        return stage * 1_000_000_000_000L + major * 1_000_000L + minor;
    }

    /** 422 unless the CRD names a group, plural/singular/kind, a scope and at least one served version with exactly one storage version. */
    static void validate(ObjectNode crd) {
        ResourceType t = ResourceType.CRDS;
        String name = Json.name(crd);
        JsonNode spec = crd.path("spec");
        List<String> errors = new ArrayList<>();
        String group = spec.path("group").asText("");
        JsonNode names = spec.path("names");
        String plural = names.path("plural").asText("");
        String kind = names.path("kind").asText("");
        if (group.isEmpty() || !group.contains(".")) {
            errors.add("spec.group: Invalid value: \"" + group + "\": should be a domain with at least one dot");
        }
        if (!DNS_LABEL.matcher(plural).matches()) {
            errors.add("spec.names.plural: Invalid value: \"" + plural + "\": a lowercase RFC 1123 label is required");
        }
        String singular = names.path("singular").asText("");
        if (!singular.isEmpty() && !DNS_LABEL.matcher(singular).matches()) {
            errors.add("spec.names.singular: Invalid value: \"" + singular + "\": a lowercase RFC 1123 label is required");
        }
        if (kind.isEmpty()) {
            errors.add("spec.names.kind: Required value");
        }
        if (!name.equals(plural + "." + group)) {
            errors.add("metadata.name: Invalid value: \"" + name + "\": must be spec.names.plural+\".\"+spec.group");
        }
        String scope = spec.path("scope").asText("");
        if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
            errors.add("spec.scope: Unsupported value: \"" + scope + "\": supported values: \"Cluster\", \"Namespaced\"");
        }
        JsonNode versions = spec.path("versions");
        if (!versions.isArray() || versions.isEmpty()) {
            errors.add("spec.versions: Invalid value: must have exactly one version marked as storage version");
        } else {
            int storage = 0;
            boolean served = false;
            for (JsonNode v : versions) {
                String vn = v.path("name").asText("");
                if (!DNS_LABEL.matcher(vn).matches()) {
                    errors.add("spec.versions[].name: Invalid value: \"" + vn + "\": a DNS-1035 label is required");
                }
                storage += v.path("storage").asBoolean(false) ? 1 : 0;
                served |= v.path("served").asBoolean(false);
            }
            if (storage != 1) {
                errors.add("spec.versions: Invalid value: must have exactly one version marked as storage version");
            }
            if (!served) {
                errors.add("spec.versions: Invalid value: must have at least one served version");
            }
        }
        if (!errors.isEmpty()) {
            throw KubeException.invalid(t, name, String.join(", ", errors));
        }
    }

    /** The status a real API server reports: names accepted, Established, the storage version stored. */
    static void status(ObjectNode crd, long now) {
        JsonNode spec = crd.path("spec");
        ObjectNode status = crd.putObject("status");
        ObjectNode accepted = ((ObjectNode) spec.path("names")).deepCopy();
        if (!accepted.has("singular")) {
            accepted.put("singular", accepted.path("kind").asText().toLowerCase(Locale.ROOT));
        }
        if (!accepted.has("listKind")) {
            accepted.put("listKind", accepted.path("kind").asText() + "List");
        }
        status.set("acceptedNames", accepted);
        ArrayNode conds = status.putArray("conditions");
        conds.addObject().put("type", "NamesAccepted").put("status", "True").put("reason", "NoConflicts")
            .put("message", "no conflicts found").put("lastTransitionTime", Json.time(now));
        conds.addObject().put("type", "Established").put("status", "True").put("reason", "InitialNamesAccepted")
            .put("message", "the initial names have been accepted").put("lastTransitionTime", Json.time(now));
        ArrayNode stored = status.putArray("storedVersions");
        for (JsonNode v : spec.path("versions")) {
            if (v.path("storage").asBoolean(false)) {
                stored.add(v.path("name").asText());
            }
        }
    }

    /** The resource types the stored CRDs register: one per served version. */
    static List<ResourceType> typesOf(Collection<ObjectNode> crds) {
        List<ResourceType> out = new ArrayList<>();
        for (ObjectNode crd : crds) {
            JsonNode spec = crd.path("spec");
            JsonNode names = spec.path("names");
            String kind = names.path("kind").asText();
            String singular = names.path("singular").asText(kind.toLowerCase(Locale.ROOT));
            List<String> shorts = new ArrayList<>();
            names.path("shortNames").forEach(n -> shorts.add(n.asText()));
            boolean namespaced = spec.path("scope").asText().equals("Namespaced");
            for (JsonNode v : spec.path("versions")) {
                if (!v.path("served").asBoolean(false)) {
                    continue;
                }
                boolean status = v.path("subresources").has("status");
                out.add(new ResourceType(spec.path("group").asText(), v.path("name").asText(), names.path("plural").asText(), singular, kind,
                    namespaced, status, List.copyOf(shorts), status ? List.of("status") : List.of()));
            }
        }
        return List.copyOf(out);
    }

    /** The categories ({@code spec.names.categories}) of the CRD registering {@code t}, for discovery. */
    static List<String> categories(Collection<ObjectNode> crds, ResourceType t) {
        List<String> out = new ArrayList<>();
        for (ObjectNode crd : crds) {
            if (Json.name(crd).equals(t.plural() + "." + t.group())) {
                crd.path("spec").path("names").path("categories").forEach(c -> out.add(c.asText()));
            }
        }
        return out;
    }
}

package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/** JSON merge patch (RFC 7386), JSON patch (RFC 6902) and a strategic-merge patch good for kubectl's common cases. */
public final class Patches {
    private Patches() {
    }

    /** Thrown for patches that cannot be applied; the API answers 422. */
    public static final class PatchException extends RuntimeException {
        public PatchException(String message) {
            super(message);
        }
    }

    /** RFC 7386: objects merge recursively, null deletes, everything else (arrays included) replaces. */
    public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    /** The list merge keys of the strategic-merge patch for the fields Skybridge and kubectl touch. */
    static String mergeKey(String field) {
        return switch (field) {
            case "containers", "initContainers", "ephemeralContainers", "volumes", "env", "volumeMounts", "imagePullSecrets",
                 "ownerReferences" -> "name";
            case "conditions" -> "type";
            case "ports" -> "containerPort";
            case "hostAliases" -> "ip";
            default -> null;
        };
    }

    /** {@code ports} lists are keyed by {@code containerPort} in pods and by {@code port} in Services. */
    private static String itemMergeKey(String field, String key, JsonNode item) {
        if (field.equals("ports") && !item.has(key) && item.has("port")) {
            return "port";
        }
        return key;
    }

    /** Strategic merge: like a merge patch, but lists with a known merge key merge by key; {@code $patch} directives honoured. */
    public static JsonNode strategicMergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        if ("replace".equals(patch.path("$patch").asText(null))) {
            ObjectNode copy = ((ObjectNode) patch).deepCopy();
            copy.remove("$patch");
            return copy;
        }
        if ("delete".equals(patch.path("$patch").asText(null))) {
            return null;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (k.startsWith("$")) {
                if (k.startsWith("$deleteFromPrimitiveList/")) {
                    String field = k.substring("$deleteFromPrimitiveList/".length());
                    JsonNode cur = result.get(field);
                    if (cur instanceof ArrayNode arr) {
                        for (int i = arr.size() - 1; i >= 0; i--) {
                            for (JsonNode d : v) {
                                if (arr.get(i).equals(d)) {
                                    arr.remove(i);
                                    break;
                                }
                            }
                        }
                    }
                }
                continue;
            }
            if (v.isNull()) {
                result.remove(k);
                continue;
            }
            String key = mergeKey(k);
            JsonNode cur = result.get(k);
            if (v.isArray() && key != null && cur != null && cur.isArray()) {
                ArrayNode merged = ((ArrayNode) cur).deepCopy();
                for (JsonNode item : v) {
                    String itemKey = itemMergeKey(k, key, item);
                    if (!item.isObject() || !item.has(itemKey)) {
                        merged.add(item.deepCopy());
                        continue;
                    }
                    int idx = -1;
                    for (int i = 0; i < merged.size(); i++) {
                        if (merged.get(i).path(itemKey).equals(item.get(itemKey))) {
                            idx = i;
                            break;
                        }
                    }
                    JsonNode applied = strategicMergePatch(idx >= 0 ? merged.get(idx) : null, item);
                    if (idx >= 0) {
                        if (applied == null) {
                            merged.remove(idx);
                        } else {
                            merged.set(idx, applied);
                        }
                    } else if (applied != null) {
                        merged.add(applied);
                    }
                }
                result.set(k, merged);
            } else if (v.isArray()) {
                ArrayNode out = Json.array();
                for (JsonNode item : v) {
                    if (!(item.isObject() && item.has("$patch"))) {
                        out.add(item.deepCopy());
                    }
                }
                result.set(k, out);
            } else if (v.isObject()) {
                JsonNode applied = strategicMergePatch(cur, v);
                if (applied == null) {
                    result.remove(k);
                } else {
                    result.set(k, applied);
                }
            } else {
                result.set(k, v.deepCopy());
            }
        }
        return result;
    }

    /** RFC 6902. */
    public static JsonNode jsonPatch(JsonNode target, JsonNode ops) {
        if (!ops.isArray()) {
            throw new PatchException("a JSON patch must be an array of operations");
        }
        JsonNode doc = target.deepCopy();
        for (JsonNode op : ops) {
            String kind = op.path("op").asText("");
            String path = op.path("path").asText(null);
            if (path == null) {
                throw new PatchException("operation has no path: " + op);
            }
            switch (kind) {
                case "add" -> doc = add(doc, path, require(op, "value"));
                case "remove" -> doc = remove(doc, path);
                case "replace" -> {
                    doc = remove(doc, path);
                    doc = add(doc, path, require(op, "value"));
                }
                case "move" -> {
                    String from = op.path("from").asText(null);
                    JsonNode v = get(doc, from);
                    doc = remove(doc, from);
                    doc = add(doc, path, v);
                }
                case "copy" -> doc = add(doc, path, get(doc, op.path("from").asText(null)).deepCopy());
                case "test" -> {
                    if (!get(doc, path).equals(require(op, "value"))) {
                        throw new PatchException("test failed at " + path);
                    }
                }
                default -> throw new PatchException("unknown operation '" + kind + "'");
            }
        }
        return doc;
    }

    private static JsonNode require(JsonNode op, String field) {
        if (!op.has(field)) {
            throw new PatchException("operation '" + op.path("op").asText() + "' needs '" + field + "'");
        }
        return op.get(field).deepCopy();
    }

    private static String[] tokens(String pointer) {
        if (pointer == null) {
            throw new PatchException("missing pointer");
        }
        if (pointer.isEmpty()) {
            return new String[0];
        }
        if (!pointer.startsWith("/")) {
            throw new PatchException("invalid JSON pointer '" + pointer + "'");
        }
        String[] parts = pointer.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].replace("~1", "/").replace("~0", "~");
        }
        return parts;
    }

    private static JsonNode get(JsonNode doc, String pointer) {
        JsonNode n = doc;
        for (String t : tokens(pointer)) {
            n = child(n, t, pointer);
        }
        return n;
    }

    private static JsonNode child(JsonNode n, String t, String pointer) {
        JsonNode c = null;
        if (n.isObject()) {
            c = n.get(t);
        } else if (n.isArray()) {
            c = n.get(index(t, n.size() - 1, pointer));
        }
        if (c == null) {
            throw new PatchException("path " + pointer + " does not exist");
        }
        return c;
    }

    private static int index(String t, int max, String pointer) {
        try {
            int i = Integer.parseInt(t);
            if (i < 0 || i > max) {
                throw new PatchException("index out of range in " + pointer);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new PatchException("invalid array index '" + t + "' in " + pointer);
        }
    }

    private static JsonNode add(JsonNode doc, String pointer, JsonNode value) {
        String[] ts = tokens(pointer);
        if (ts.length == 0) {
            return value;
        }
        JsonNode parent = doc;
        for (int i = 0; i < ts.length - 1; i++) {
            parent = child(parent, ts[i], pointer);
        }
        String last = ts[ts.length - 1];
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            if (last.equals("-")) {
                a.add(value);
            } else {
                a.insert(index(last, a.size(), pointer), value);
            }
        } else {
            throw new PatchException("cannot add below a scalar at " + pointer);
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, String pointer) {
        String[] ts = tokens(pointer);
        if (ts.length == 0) {
            throw new PatchException("cannot remove the whole document");
        }
        JsonNode parent = doc;
        for (int i = 0; i < ts.length - 1; i++) {
            parent = child(parent, ts[i], pointer);
        }
        String last = ts[ts.length - 1];
        if (parent instanceof ObjectNode o) {
            if (!o.has(last)) {
                throw new PatchException("path " + pointer + " does not exist");
            }
            o.remove(last);
        } else if (parent instanceof ArrayNode a) {
            a.remove(index(last, a.size() - 1, pointer));
        } else {
            throw new PatchException("path " + pointer + " does not exist");
        }
        return doc;
    }
}

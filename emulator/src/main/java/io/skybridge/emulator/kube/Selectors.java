package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Label selectors (equality and set-based) and field selectors. */
public final class Selectors {
    private Selectors() {
    }

    private static final Pattern SET = Pattern.compile("^([^\\s=!(),]+)\\s+(in|notin)\\s*\\(([^)]*)\\)$");
    private static final Pattern EQ = Pattern.compile("^([^\\s=!(),]+)\\s*(==|!=|=)\\s*([^\\s=!(),]*)$");
    private static final Pattern NOT_EXISTS = Pattern.compile("^!\\s*([^\\s=!(),]+)$");
    private static final Pattern EXISTS = Pattern.compile("^([^\\s=!(),]+)$");

    /** A selector over a labels object ({@code metadata.labels}, possibly missing). */
    public interface LabelPredicate extends Predicate<JsonNode> {
    }

    public static final LabelPredicate EVERYTHING = labels -> true;

    static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    /** Parses a label selector string such as {@code app=web,tier in (a,b),!legacy}. */
    public static LabelPredicate parseLabels(String selector) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        List<LabelPredicate> reqs = new ArrayList<>();
        for (String part : splitTopLevel(selector)) {
            if (part.isEmpty()) {
                throw KubeException.badRequest("unable to parse requirement: empty requirement in \"" + selector + "\"");
            }
            Matcher m;
            if ((m = SET.matcher(part)).matches()) {
                String key = m.group(1);
                Set<String> values = new HashSet<>();
                for (String v : m.group(3).split(",")) {
                    values.add(v.trim());
                }
                boolean in = m.group(2).equals("in");
                reqs.add(l -> {
                    JsonNode v = l.get(key);
                    return in ? v != null && values.contains(v.asText()) : v == null || !values.contains(v.asText());
                });
            } else if ((m = EQ.matcher(part)).matches()) {
                String key = m.group(1);
                String value = m.group(3);
                boolean neg = m.group(2).equals("!=");
                reqs.add(l -> {
                    JsonNode v = l.get(key);
                    boolean eq = v != null && v.asText().equals(value);
                    return neg ? !eq : eq;
                });
            } else if ((m = NOT_EXISTS.matcher(part)).matches()) {
                String key = m.group(1);
                reqs.add(l -> !l.has(key));
            } else if ((m = EXISTS.matcher(part)).matches()) {
                String key = m.group(1);
                reqs.add(l -> l.has(key));
            } else {
                throw KubeException.badRequest("unable to parse requirement: \"" + part + "\"");
            }
        }
        return labels -> {
            for (LabelPredicate r : reqs) {
                if (!r.test(labels)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** A {@code metav1.LabelSelector} (matchLabels + matchExpressions). A null/missing selector matches nothing. */
    public static LabelPredicate fromLabelSelector(JsonNode sel) {
        if (sel == null || sel.isMissingNode() || sel.isNull()) {
            return l -> false;
        }
        List<LabelPredicate> reqs = new ArrayList<>();
        sel.path("matchLabels").fields().forEachRemaining(e -> {
            String k = e.getKey();
            String v = e.getValue().asText();
            reqs.add(l -> l.has(k) && l.get(k).asText().equals(v));
        });
        for (JsonNode ex : sel.path("matchExpressions")) {
            reqs.add(expression(ex));
        }
        return labels -> {
            for (LabelPredicate r : reqs) {
                if (!r.test(labels)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** One {@code key/operator/values} expression (label selectors and node selector terms). */
    public static LabelPredicate expression(JsonNode ex) {
        String key = ex.path("key").asText();
        String op = ex.path("operator").asText();
        Set<String> values = new HashSet<>();
        for (JsonNode v : ex.path("values")) {
            values.add(v.asText());
        }
        return switch (op) {
            case "In" -> l -> l.has(key) && values.contains(l.get(key).asText());
            case "NotIn" -> l -> !l.has(key) || !values.contains(l.get(key).asText());
            case "Exists" -> l -> l.has(key);
            case "DoesNotExist" -> l -> !l.has(key);
            case "Gt", "Lt" -> l -> {
                if (!l.has(key) || values.size() != 1) {
                    return false;
                }
                try {
                    long have = Long.parseLong(l.get(key).asText());
                    long want = Long.parseLong(values.iterator().next());
                    return op.equals("Gt") ? have > want : have < want;
                } catch (NumberFormatException e) {
                    return false;
                }
            };
            default -> l -> false;
        };
    }

    public static JsonNode labels(JsonNode obj) {
        JsonNode l = obj.path("metadata").path("labels");
        return l.isObject() ? l : Json.object();
    }

    /** Parses a field selector ({@code spec.nodeName=n1,metadata.name!=x}); any dotted path of the object is accepted. */
    public static Predicate<ObjectNode> parseFields(String selector) {
        if (selector == null || selector.isBlank()) {
            return o -> true;
        }
        List<Predicate<ObjectNode>> reqs = new ArrayList<>();
        for (String part : splitTopLevel(selector)) {
            Matcher m = Pattern.compile("^([A-Za-z0-9_.]+)\\s*(==|!=|=)\\s*(.*)$").matcher(part);
            if (!m.matches()) {
                throw KubeException.badRequest("invalid field selector: '" + part + "'");
            }
            String[] path = m.group(1).split("\\.");
            String value = m.group(3).trim();
            boolean neg = m.group(2).equals("!=");
            boolean bool = m.group(1).equals("spec.unschedulable");
            reqs.add(o -> {
                JsonNode n = o;
                for (String p : path) {
                    n = n.path(p);
                }
                String have = n.isValueNode() ? n.asText() : (bool ? "false" : "");
                return neg != have.equals(value);
            });
        }
        return o -> {
            for (Predicate<ObjectNode> r : reqs) {
                if (!r.test(o)) {
                    return false;
                }
            }
            return true;
        };
    }
}

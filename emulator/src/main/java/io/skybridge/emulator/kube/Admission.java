package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the API server checks and fills in before it stores an object: names (generateName, RFC 1123),
 * namespaces, defaults per kind, and what a PUT may change (metadata kept, status only through {@code /status}).
 */
final class Admission {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final String ALPHANUM = "bcdfghjklmnpqrstvwxz2456789";

    private Admission() {
    }

    /** The object's name, generated from {@code generateName} when it has none (avoiding {@code taken} names), validated. */
    static String name(ResourceType t, ObjectNode m, Predicate<String> taken) {
        String name = m.path("name").asText("");
        if (name.isEmpty()) {
            String gen = m.path("generateName").asText("");
            if (gen.isEmpty()) {
                throw KubeException.invalid(t, "", "metadata.name: Required value: name or generateName is required");
            }
            do {
                StringBuilder sb = new StringBuilder(gen);
                for (int i = 0; i < 5; i++) {
                    sb.append(ALPHANUM.charAt(ThreadLocalRandom.current().nextInt(ALPHANUM.length())));
                }
                name = sb.toString();
            } while (taken.test(name));
            m.put("name", name);
        }
        if (name.length() > 253 || !NAME.matcher(name).matches()) {
            throw KubeException.invalid(t, name, "metadata.name: Invalid value: \"" + name
                + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'");
        }
        return name;
    }

    /** The namespace the object is created in (the request's, else the body's, else default), which must exist. */
    static String namespace(ResourceType t, ObjectNode m, String ns, Predicate<String> exists) {
        if (!t.namespaced()) {
            m.remove("namespace");
            return ns;
        }
        String bodyNs = m.path("namespace").asText("");
        if (ns == null || ns.isEmpty()) {
            ns = bodyNs.isEmpty() ? "default" : bodyNs;
        }
        if (!bodyNs.isEmpty() && !bodyNs.equals(ns)) {
            throw KubeException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        if (!exists.test(ns)) {
            throw KubeException.notFound(ResourceType.NAMESPACES, ns);
        }
        m.put("namespace", ns);
        return ns;
    }

    static void defaults(ResourceType t, ObjectNode o) {
        if (t == ResourceType.PODS) {
            ObjectNode status = o.has("status") && o.get("status").isObject() ? (ObjectNode) o.get("status") : o.putObject("status");
            if (!status.has("phase")) {
                status.put("phase", "Pending");
            }
            ObjectNode spec = o.has("spec") && o.get("spec").isObject() ? (ObjectNode) o.get("spec") : o.putObject("spec");
            if (!spec.has("restartPolicy")) {
                spec.put("restartPolicy", "Always");
            }
            if (!spec.has("terminationGracePeriodSeconds")) {
                spec.put("terminationGracePeriodSeconds", 30);
            }
            if (!spec.has("schedulerName")) {
                spec.put("schedulerName", "default-scheduler");
            }
        } else if (t == ResourceType.NAMESPACES) {
            o.putObject("status").put("phase", "Active");
        } else if (t == ResourceType.DEPLOYMENTS || t == ResourceType.STATEFULSETS || t == ResourceType.REPLICASETS) {
            ObjectNode spec = o.has("spec") && o.get("spec").isObject() ? (ObjectNode) o.get("spec") : o.putObject("spec");
            if (!spec.has("replicas")) {
                spec.put("replicas", 1);
            }
            if (!o.has("status")) {
                o.putObject("status");
            }
        }
    }

    /** The object a PUT stores instead of {@code cur}; {@code status}: the status subresource (only status changes). */
    static ObjectNode replacement(ResourceType t, String name, ObjectNode cur, ObjectNode in, boolean status) {
        String inName = in.path("metadata").path("name").asText("");
        if (!inName.isEmpty() && !inName.equals(name)) {
            throw KubeException.badRequest("the name of the object (" + inName + ") does not match the name on the URL (" + name + ")");
        }
        String inRv = in.path("metadata").path("resourceVersion").asText("");
        String curRv = cur.path("metadata").path("resourceVersion").asText();
        if (!inRv.isEmpty() && !inRv.equals(curRv)) {
            throw KubeException.conflict(t, name, "the object has been modified; please apply your changes to the latest version and try again");
        }
        ObjectNode next;
        if (status) {
            next = cur.deepCopy();
            if (in.has("status")) {
                next.set("status", in.get("status").deepCopy());
            } else {
                next.remove("status");
            }
        } else {
            next = in.deepCopy();
            next.put("apiVersion", t.apiVersion());
            next.put("kind", t.kind());
            ObjectNode m = Json.meta(next);
            ObjectNode cm = (ObjectNode) cur.get("metadata");
            for (String f : List.of("uid", "creationTimestamp", "namespace", "name", "deletionTimestamp", "deletionGracePeriodSeconds", "generation")) {
                if (cm.has(f)) {
                    m.set(f, cm.get(f));
                } else {
                    m.remove(f);
                }
            }
            m.remove("managedFields");
            if (t == ResourceType.CRDS) {
                CustomResources.validate(next);
            }
            if (t.hasStatus()) {
                if (cur.has("status")) {
                    next.set("status", cur.get("status"));
                } else {
                    next.remove("status");
                }
            }
        }
        return next;
    }
}

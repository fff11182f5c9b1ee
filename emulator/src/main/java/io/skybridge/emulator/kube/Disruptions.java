package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Pod eviction honouring PodDisruptionBudgets, and PDB status. */
public final class Disruptions {
    private Disruptions() {
    }

    public static boolean isReady(JsonNode pod) {
        if (pod.path("metadata").has("deletionTimestamp")) {
            return false;
        }
        for (JsonNode c : pod.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return "True".equals(c.path("status").asText());
            }
        }
        return false;
    }

    public static boolean isTerminal(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText();
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    /** PDB arithmetic: [expectedPods, currentHealthy, desiredHealthy, disruptionsAllowed]. */
    public static long[] budget(KubeStore store, ObjectNode pdb) {
        Selectors.LabelPredicate sel = Selectors.fromLabelSelector(pdb.path("spec").get("selector"));
        List<ObjectNode> pods = store.list(ResourceType.PODS, Json.namespace(pdb), sel, null);
        long expected = 0;
        long healthy = 0;
        for (ObjectNode p : pods) {
            if (isTerminal(p) || p.path("metadata").has("deletionTimestamp")) {
                continue;
            }
            expected++;
            if (isReady(p)) {
                healthy++;
            }
        }
        long desired;
        JsonNode spec = pdb.path("spec");
        if (spec.has("minAvailable")) {
            desired = scaled(spec.get("minAvailable"), expected, true);
        } else if (spec.has("maxUnavailable")) {
            desired = Math.max(0, expected - scaled(spec.get("maxUnavailable"), expected, false));
        } else {
            desired = expected;
        }
        return new long[] {expected, healthy, desired, Math.max(0, healthy - desired)};
    }

    private static long scaled(JsonNode v, long total, boolean roundUp) {
        String s = v.asText();
        if (s.endsWith("%")) {
            double pct = Double.parseDouble(s.substring(0, s.length() - 1)) / 100.0;
            return (long) (roundUp ? Math.ceil(pct * total) : Math.floor(pct * total));
        }
        return v.asLong();
    }

    /** POST pods/{name}/eviction. Returns the success Status; throws 429 when a budget forbids it. */
    public static ObjectNode evict(KubeStore store, String ns, String name, JsonNode body) {
        return store.locked(() -> {
            ObjectNode pod = store.get(ResourceType.PODS, ns, name);
            JsonNode opts = body == null ? null : body.path("deleteOptions");
            if (!pod.path("metadata").has("deletionTimestamp")) {
                String phase = pod.path("status").path("phase").asText();
                boolean ignoreBudget = isTerminal(pod) || phase.equals("Pending");
                List<ObjectNode> pdbs = new ArrayList<>();
                for (ObjectNode pdb : store.list(ResourceType.PDBS, ns, null, null)) {
                    if (Selectors.fromLabelSelector(pdb.path("spec").get("selector")).test(Selectors.labels(pod))) {
                        pdbs.add(pdb);
                    }
                }
                if (pdbs.size() > 1) {
                    throw new KubeException(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.", "pods", name);
                }
                if (!ignoreBudget && pdbs.size() == 1) {
                    long[] b = budget(store, pdbs.get(0));
                    boolean allowed = isReady(pod) ? b[1] - 1 >= b[2] : b[1] >= b[2];
                    if (!allowed) {
                        KubeException e = new KubeException(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.", "pods", name);
                        throw e;
                    }
                }
                Long grace = opts != null && opts.has("gracePeriodSeconds") && !opts.get("gracePeriodSeconds").isNull()
                    ? opts.get("gracePeriodSeconds").asLong() : null;
                store.delete(ResourceType.PODS, ns, name, grace, opts == null ? null : opts.get("preconditions"));
            }
            ObjectNode s = Json.object();
            s.put("kind", "Status").put("apiVersion", "v1");
            s.putObject("metadata");
            s.put("status", "Success").put("code", 201);
            return s;
        });
    }
}

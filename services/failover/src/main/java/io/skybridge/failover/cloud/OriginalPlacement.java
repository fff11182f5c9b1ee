package io.skybridge.failover.cloud;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A workload's placement before failover moved it (its pod template's node selector and affinity), kept in
 * the workload's annotations so failback can restore it exactly — and so a repeated move never overwrites it
 * with the already-moved placement.
 */
public final class OriginalPlacement {
    public static final String AVOIDS = "skybridge.io/failover-avoids";
    public static final String ORIGINAL = "skybridge.io/failover-original-placement";

    private OriginalPlacement() {
    }

    /** Records the placement of {@code template} unless already recorded. */
    static void remember(ObjectMeta meta, PodTemplateSpec template, String avoidedCloud) {
        Map<String, String> annotations = meta.getAnnotations() == null ? new HashMap<>() : new HashMap<>(meta.getAnnotations());
        if (!annotations.containsKey(ORIGINAL)) {
            Map<String, Object> original = new LinkedHashMap<>();
            original.put("nodeSelector", template.getSpec().getNodeSelector());
            original.put("affinity", template.getSpec().getAffinity());
            annotations.put(ORIGINAL, Serialization.asJson(original));
        }
        annotations.put(AVOIDS, avoidedCloud);
        meta.setAnnotations(annotations);
    }

    /**
     * Puts the recorded placement back on {@code template} and drops the annotations.
     *
     * @return false when nothing was recorded (the workload was never moved)
     */
    @SuppressWarnings("unchecked")
    static boolean restore(ObjectMeta meta, PodTemplateSpec template) {
        Map<String, String> annotations = meta.getAnnotations();
        if (annotations == null || !annotations.containsKey(ORIGINAL)) {
            return false;
        }
        Map<String, Object> original = Serialization.unmarshal(annotations.get(ORIGINAL), Map.class);
        Object selector = original.get("nodeSelector");
        template.getSpec().setNodeSelector(selector == null ? null : new HashMap<>((Map<String, String>) selector));
        Object affinity = original.get("affinity");
        template.getSpec().setAffinity(affinity == null ? null
                : Serialization.unmarshal(Serialization.asJson(affinity), Affinity.class));
        Map<String, String> rest = new HashMap<>(annotations);
        rest.remove(ORIGINAL);
        rest.remove(AVOIDS);
        meta.setAnnotations(rest);
        return true;
    }
}

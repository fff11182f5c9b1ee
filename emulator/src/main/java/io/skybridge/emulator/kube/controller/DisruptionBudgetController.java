package io.skybridge.emulator.kube.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.Disruptions;
import io.skybridge.emulator.kube.Json;
import io.skybridge.emulator.kube.KubeStore;
import io.skybridge.emulator.kube.ResourceType;

/** The disruption controller: keeps each PodDisruptionBudget's status (what eviction consults) current. */
public final class DisruptionBudgetController {
    private final KubeStore store;

    public DisruptionBudgetController(KubeStore store) {
        this.store = store;
    }

    public void reconcile() {
        for (ObjectNode pdb : store.list(ResourceType.PDBS)) {
            long[] b = Disruptions.budget(store, pdb);
            long gen = pdb.path("metadata").path("generation").asLong(1);
            store.mutate(ResourceType.PDBS, Json.namespace(pdb), Json.name(pdb), o -> {
                ObjectNode st = o.putObject("status");
                st.put("observedGeneration", gen).put("expectedPods", b[0]).put("currentHealthy", b[1]).put("desiredHealthy", b[2])
                    .put("disruptionsAllowed", b[3]);
                st.putArray("conditions").addObject().put("type", "DisruptionAllowed").put("status", b[3] > 0 ? "True" : "False")
                    .put("reason", b[3] > 0 ? "SufficientPods" : "InsufficientPods").put("message", "").put("observedGeneration", gen)
                    .put("lastTransitionTime", Json.time(0));
            });
        }
    }
}

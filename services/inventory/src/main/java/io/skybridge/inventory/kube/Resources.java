package io.skybridge.inventory.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.skybridge.contracts.common.ResourceAmount;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** CPU (millicores) and memory (bytes) out of Kubernetes quantities. */
public final class Resources {
    private Resources() {
    }

    public static long cpuMillis(Map<String, Quantity> resources) {
        Quantity q = resources == null ? null : resources.get("cpu");
        return q == null ? 0 : Quantity.getAmountInBytes(q).multiply(BigDecimal.valueOf(1000)).longValue();
    }

    public static long memoryBytes(Map<String, Quantity> resources) {
        Quantity q = resources == null ? null : resources.get("memory");
        return q == null ? 0 : Quantity.getAmountInBytes(q).longValue();
    }

    /** Sum of the containers' requests of a pod spec (one replica). */
    public static ResourceAmount requests(PodSpec spec) {
        long cpu = 0;
        long memory = 0;
        List<Container> containers = spec == null || spec.getContainers() == null ? List.of() : spec.getContainers();
        for (Container c : containers) {
            Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
            cpu += cpuMillis(requests);
            memory += memoryBytes(requests);
        }
        return new ResourceAmount(cpu, memory);
    }

    /** A pod that holds resources on its node: bound, not finished, not being deleted. */
    public static boolean holdsResources(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getNodeName() == null) {
            return false;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /** A running replica: bound, holding resources and not being deleted. */
    public static boolean runs(Pod pod) {
        return holdsResources(pod) && pod.getMetadata().getDeletionTimestamp() == null;
    }
}

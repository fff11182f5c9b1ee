package io.skybridge.inventory.service;

import io.skybridge.inventory.cloud.Vm;
import io.skybridge.inventory.cloud.VmListing;
import io.skybridge.inventory.domain.Drift;
import io.skybridge.inventory.domain.NodeObservation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Compares the clouds with the model. UNREQUESTED_VM: a live VM no provisioning event mentioned.
 * NODE_WITHOUT_VM: a cluster node whose VM the (successfully listed) cloud does not have. A cloud
 * whose listing failed yields no finding at all.
 */
public final class DriftDetector {
    private DriftDetector() {
    }

    public static List<Drift> findings(Collection<VmListing> listings, Set<String> requestedInstances,
                                       Collection<NodeObservation> nodes) {
        List<Drift> found = new ArrayList<>();
        for (VmListing listing : listings) {
            if (!listing.ok()) {
                continue;
            }
            for (Vm vm : listing.vms()) {
                if (!requestedInstances.contains(vm.instanceId()) && !requestedInstances.contains(vm.name())) {
                    found.add(drift(vm.cloud(), vm.region(), "UNREQUESTED_VM", vm.instanceId(), null,
                            vm.cloud() + " VM " + vm.name() + " (" + vm.state() + ") in " + vm.zone()
                                    + " was not provisioned by Skybridge"));
                }
            }
            for (NodeObservation n : nodes) {
                if (!listing.cloud().equals(n.cloud) || !listing.covers(n.region)) {
                    continue;
                }
                boolean hasVm = listing.vms().stream().anyMatch(vm -> vm.isNamed(n.instanceId));
                if (!hasVm) {
                    found.add(drift(n.cloud, n.region, "NODE_WITHOUT_VM", null, n.nodeId,
                            "node " + n.nodeId + " names VM " + n.instanceId + " which " + n.cloud + " does not have"));
                }
            }
        }
        return found;
    }

    private static Drift drift(String cloud, String region, String kind, String instanceId, String nodeId, String detail) {
        Drift d = new Drift();
        d.id = kind + ":" + cloud + ":" + (instanceId != null ? instanceId : nodeId);
        d.cloud = cloud;
        d.region = region;
        d.kind = kind;
        d.instanceId = instanceId;
        d.nodeId = nodeId;
        d.detail = detail.length() > 2000 ? detail.substring(0, 2000) : detail;
        d.detectedAt = Instant.now();
        return d;
    }
}

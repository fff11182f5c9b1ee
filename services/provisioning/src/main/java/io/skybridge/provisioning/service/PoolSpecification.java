package io.skybridge.provisioning.service;

import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import io.skybridge.provisioning.domain.NodePool;

import java.util.ArrayList;
import java.util.List;

/** Rules a scale request must meet beyond its schema. */
public final class PoolSpecification {

    private PoolSpecification() {
    }

    /** @return violations, empty when the request is acceptable for the (possibly absent) existing pool */
    public static List<String> check(NodePoolScaleRequested r, NodePool existing) {
        List<String> violations = new ArrayList<>();
        if (r.min() > r.max()) {
            violations.add("min " + r.min() + " exceeds max " + r.max());
        }
        if (r.desired() < r.min() || r.desired() > r.max()) {
            violations.add("desired " + r.desired() + " is outside [" + r.min() + ", " + r.max() + "]");
        }
        if (r.zones().stream().distinct().count() != r.zones().size()) {
            violations.add("zones " + r.zones() + " repeat a zone");
        }
        for (String zone : r.zones()) {
            if (!zone.startsWith(r.region())) {
                violations.add("zone " + zone + " is not in region " + r.region());
            }
        }
        if (existing != null) {
            if (!existing.cloud.equals(r.cloud())) {
                violations.add("pool " + r.poolId() + " is on " + existing.cloud + ", not " + r.cloud());
            }
            if (!existing.region.equals(r.region())) {
                violations.add("pool " + r.poolId() + " is in " + existing.region + ", not " + r.region());
            }
        }
        return violations;
    }
}

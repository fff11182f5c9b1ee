package io.skybridge.provisioning.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which a node tries (zone, machine type) pairs: its own zone first, then the pool's other
 * zones in order, all with the pool's machine type; then the same zones with each fallback type.
 */
public final class LaunchPlan {

    public record Attempt(String zone, String machineType) {
    }

    private LaunchPlan() {
    }

    public static List<Attempt> of(String homeZone, List<String> zones, String machineType, List<String> fallbacks) {
        List<String> zoneOrder = new ArrayList<>();
        zoneOrder.add(homeZone);
        zones.stream().filter(z -> !z.equals(homeZone)).forEach(zoneOrder::add);
        List<String> types = new ArrayList<>();
        types.add(machineType);
        fallbacks.stream().filter(t -> !types.contains(t)).forEach(types::add);
        List<Attempt> plan = new ArrayList<>();
        for (String type : types) {
            for (String zone : zoneOrder) {
                plan.add(new Attempt(zone, type));
            }
        }
        return plan;
    }

    /** The plan from {@code current} on (a resumed launch repeats the attempt it was making). */
    public static List<Attempt> from(List<Attempt> plan, Attempt current) {
        int i = plan.indexOf(current);
        return i < 0 ? plan : plan.subList(i, plan.size());
    }
}

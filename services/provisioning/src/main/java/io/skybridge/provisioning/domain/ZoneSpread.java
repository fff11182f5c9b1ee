package io.skybridge.provisioning.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Picks the zone for a new node: the pool's zone with the fewest live nodes, earlier zones on ties. */
public final class ZoneSpread {
    private ZoneSpread() {
    }

    public static String next(List<String> zones, Map<String, Integer> countByZone) {
        String best = zones.get(0);
        for (String z : zones) {
            if (countByZone.getOrDefault(z, 0) < countByZone.getOrDefault(best, 0)) {
                best = z;
            }
        }
        return best;
    }

    public static Map<String, Integer> count(Collection<String> zonesOfLiveNodes) {
        Map<String, Integer> m = new LinkedHashMap<>();
        zonesOfLiveNodes.forEach(z -> m.merge(z, 1, Integer::sum));
        return m;
    }
}

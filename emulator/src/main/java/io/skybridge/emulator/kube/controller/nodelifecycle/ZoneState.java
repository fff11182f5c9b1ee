package io.skybridge.emulator.kube.controller.nodelifecycle;

/** {@code nodelifecycle.ComputeZoneState}: the health of one zone (region + zone labels) from its nodes' Ready. */
enum ZoneState {
    NORMAL, PARTIAL_DISRUPTION, FULL_DISRUPTION;

    static ZoneState of(int ready, int notReady, double unhealthyZoneThreshold) {
        if (ready == 0 && notReady > 0) {
            return FULL_DISRUPTION;
        }
        if (notReady > 2 && (double) notReady / (notReady + ready) >= unhealthyZoneThreshold) {
            return PARTIAL_DISRUPTION;
        }
        return NORMAL;
    }
}

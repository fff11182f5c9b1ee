package io.skybridge.contracts.provisioning;

import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.common.Taint;

import java.util.List;
import java.util.Map;

/** Create or resize a node pool; the pool definition travels with the request. */
public record NodePoolScaleRequested(
        String poolId,
        String cloud,
        String region,
        List<String> zones,
        String machineType,
        List<String> fallbackMachineTypes,
        String image,
        Map<String, String> labels,
        List<Taint> taints,
        int min,
        int max,
        int desired) implements SkybridgeMessage {

    @Override
    public String aggregateId() {
        return poolId;
    }
}

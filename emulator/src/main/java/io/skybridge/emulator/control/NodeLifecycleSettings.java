package io.skybridge.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.KubeConfig;

import java.time.Duration;
import java.util.Locale;

/**
 * {@code GET/PUT /control/kube/node-lifecycle}: which node-lifecycle model the Kubernetes control plane runs and
 * its kube-controller-manager / kube-apiserver flags, changeable while it runs. {@code {"mode":"upstream"}}
 * applies the upstream defaults first, then any field given; {@code {"mode":"simple"}} restores the timings the
 * emulator started with.
 */
final class NodeLifecycleSettings {
    private final KubeConfig cfg;
    private final Duration startGrace;
    private final Duration startHeartbeat;

    NodeLifecycleSettings(KubeConfig cfg) {
        this.cfg = cfg;
        this.startGrace = cfg.nodeMonitorGracePeriod;
        this.startHeartbeat = cfg.heartbeatInterval;
    }

    ObjectNode read(ObjectMapper json) {
        return json.createObjectNode().put("mode", cfg.nodeLifecycle.name().toLowerCase(Locale.ROOT))
            .put("nodeMonitorGracePeriodSeconds", cfg.nodeMonitorGracePeriod.toMillis() / 1000.0)
            .put("nodeStatusUpdateFrequencySeconds", cfg.heartbeatInterval.toMillis() / 1000.0)
            .put("nodeEvictionRate", cfg.nodeEvictionRate).put("secondaryNodeEvictionRate", cfg.secondaryNodeEvictionRate)
            .put("unhealthyZoneThreshold", cfg.unhealthyZoneThreshold).put("largeClusterSizeThreshold", cfg.largeClusterSizeThreshold)
            .put("defaultNotReadyTolerationSeconds", cfg.defaultNotReadyTolerationSeconds.toSeconds())
            .put("defaultUnreachableTolerationSeconds", cfg.defaultUnreachableTolerationSeconds.toSeconds());
    }

    void apply(JsonNode b) {
        String mode = b.path("mode").asText("").toLowerCase(Locale.ROOT);
        switch (mode) {
            case "upstream" -> cfg.upstreamNodeLifecycle();
            case "simple" -> {
                cfg.nodeLifecycle = KubeConfig.NodeLifecycleMode.SIMPLE;
                cfg.nodeMonitorGracePeriod = startGrace;
                cfg.heartbeatInterval = startHeartbeat;
            }
            case "" -> { }
            default -> throw new IllegalArgumentException("mode must be simple or upstream, not " + mode);
        }
        cfg.nodeMonitorGracePeriod = seconds(b, "nodeMonitorGracePeriodSeconds", cfg.nodeMonitorGracePeriod);
        cfg.heartbeatInterval = seconds(b, "nodeStatusUpdateFrequencySeconds", cfg.heartbeatInterval);
        cfg.nodeEvictionRate = rate(b, "nodeEvictionRate", cfg.nodeEvictionRate);
        cfg.secondaryNodeEvictionRate = rate(b, "secondaryNodeEvictionRate", cfg.secondaryNodeEvictionRate);
        double threshold = rate(b, "unhealthyZoneThreshold", cfg.unhealthyZoneThreshold);
        if (threshold > 1) {
            throw new IllegalArgumentException("unhealthyZoneThreshold is a share between 0 and 1");
        }
        cfg.unhealthyZoneThreshold = threshold;
        cfg.largeClusterSizeThreshold = (int) rate(b, "largeClusterSizeThreshold", cfg.largeClusterSizeThreshold);
        cfg.defaultNotReadyTolerationSeconds = seconds(b, "defaultNotReadyTolerationSeconds", cfg.defaultNotReadyTolerationSeconds);
        cfg.defaultUnreachableTolerationSeconds = seconds(b, "defaultUnreachableTolerationSeconds", cfg.defaultUnreachableTolerationSeconds);
    }

    private static Duration seconds(JsonNode b, String field, Duration current) {
        return b.has(field) ? Duration.ofMillis(Math.round(rate(b, field, 0) * 1000)) : current;
    }

    private static double rate(JsonNode b, String field, double current) {
        JsonNode v = b.get(field);
        if (v == null) {
            return current;
        }
        if (!v.isNumber() || v.asDouble() < 0) {
            throw new IllegalArgumentException(field + " must be a number ≥ 0");
        }
        return v.asDouble();
    }
}

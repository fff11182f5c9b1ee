package io.skybridge.failover.detection;

import java.time.Duration;
import java.util.Set;

/**
 * @param clouds        every cloud observed (an observer that sees all of them fail is partitioned itself)
 * @param quorum        distinct observers that must agree (Q)
 * @param sustain       how long the quorum must hold before a declaration (T)
 * @param stabilisation how long a cloud must look healthy before recovery, and the shortest gap
 *                      between two declarations for one cloud (W)
 * @param sampleTtl     older samples are no evidence any more
 */
public record DetectionSettings(Set<String> clouds, int quorum, Duration sustain, Duration stabilisation,
                                Duration sampleTtl) {

    public static DetectionSettings defaults() {
        return new DetectionSettings(Set.of("aws", "gcp"), 2, Duration.ofSeconds(3), Duration.ofSeconds(60),
                Duration.ofSeconds(15));
    }
}

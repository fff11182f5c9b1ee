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
 * @param evidenceAge   how far before this detector first saw a quorum its evidence may date it (a failed call is
 *                      timestamped when it was made, so a call that hung for its timeout arrives that much later);
 *                      it also bounds how much a lagging observer clock can shorten T
 */
public record DetectionSettings(Set<String> clouds, int quorum, Duration sustain, Duration stabilisation,
                                Duration sampleTtl, Duration evidenceAge) {

    public static final Duration DEFAULT_EVIDENCE_AGE = Duration.ofSeconds(4);

    public DetectionSettings(Set<String> clouds, int quorum, Duration sustain, Duration stabilisation, Duration sampleTtl) {
        this(clouds, quorum, sustain, stabilisation, sampleTtl, DEFAULT_EVIDENCE_AGE);
    }

    public static DetectionSettings defaults() {
        return new DetectionSettings(Set.of("aws", "gcp"), 2, Duration.ofSeconds(3), Duration.ofSeconds(60),
                Duration.ofSeconds(15));
    }
}

package io.skybridge.failover.detection;

import java.time.Instant;
import java.util.List;

/** What the detector concluded about a cloud. */
public sealed interface Decision {

    String cloud();

    /** Some observer sees the cloud failing, short of a quorum: watch, do nothing. */
    record Suspect(String cloud, List<String> observers, Instant firstEvidenceAt) implements Decision {
    }

    /** A quorum agreed for long enough: declare the outage. */
    record Declare(String cloud, List<String> observers, List<String> locations, Instant firstEvidenceAt,
                   Instant quorumSince) implements Decision {
    }

    /** Healthy again for the whole stabilisation window: clear the outage. */
    record Recover(String cloud, Instant healthySince) implements Decision {
    }
}

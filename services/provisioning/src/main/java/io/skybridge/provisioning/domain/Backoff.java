package io.skybridge.provisioning.domain;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Bounded exponential backoff with full jitter: attempt n waits a random time in [0, min(max, base * 2^n)). */
public record Backoff(Duration base, Duration max) {

    public long delayMillis(int attempt) {
        long cap = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(attempt, 20)));
        return cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
    }
}

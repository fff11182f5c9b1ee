package io.skybridge.emulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's notion of time: wall-clock time plus an offset that the control API can advance,
 * so tests can skip boot delays without sleeping.
 */
public final class SimClock {
    private final AtomicLong offsetMillis = new AtomicLong();

    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    public Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time only moves forward");
        }
        offsetMillis.addAndGet(d.toMillis());
    }

    public long offsetMillis() {
        return offsetMillis.get();
    }

    public void resetOffset() {
        offsetMillis.set(0);
    }
}

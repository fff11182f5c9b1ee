package io.skybridge.failover.saga;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Blocking waits of the saga threads. */
final class Waits {
    private Waits() {
    }

    /** Polls {@code condition} every {@code every} until it holds (true) or {@code timeout} passes (false). */
    static boolean until(Duration timeout, long everyMillis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep(everyMillis);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.skybridge.failover.cloud;

/**
 * Pod deletions at most {@code perSecond}, shared by every move running in parallel: each caller gets the next
 * free slot and sleeps until it.
 */
public final class DeletionPacer {
    private final long intervalNanos;
    private long next = System.nanoTime();

    public DeletionPacer(int perSecond) {
        this.intervalNanos = 1_000_000_000L / Math.max(1, perSecond);
    }

    public void acquire() {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, next);
            next = slot + intervalNanos;
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

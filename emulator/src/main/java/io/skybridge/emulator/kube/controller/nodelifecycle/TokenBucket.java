package io.skybridge.emulator.kube.controller.nodelifecycle;

/**
 * client-go's {@code flowcontrol.NewTokenBucketRateLimiter(qps, burst 1)} on the emulator's clock, so that
 * advancing the clock fast-forwards evictions; starts full, as a new limiter does after {@code SwapLimiter}.
 * A rate of 0 never accepts (the "fake never" limiter).
 */
final class TokenBucket {
    private final double perSecond;
    private double tokens = 1;
    private long last;

    TokenBucket(double perSecond, long now) {
        this.perSecond = perSecond;
        this.last = now;
    }

    double rate() {
        return perSecond;
    }

    boolean tryAccept(long now) {
        if (perSecond <= 0) {
            return false;
        }
        if (now > last) {
            tokens = Math.min(1, tokens + (now - last) * perSecond / 1000.0);
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}

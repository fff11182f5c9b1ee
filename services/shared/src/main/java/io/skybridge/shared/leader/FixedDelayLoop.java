package io.skybridge.shared.leader;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A background pass run on its own daemon thread with a fixed delay between passes — never two at once — for
 * loops that need sub-second intervals (the Quarkus scheduler checks its triggers once a second). A pass that
 * throws is logged and the loop goes on. Who acts is still the caller's business ({@link Leadership#runAsLeader}).
 */
public final class FixedDelayLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FixedDelayLoop.class);

    private final ScheduledExecutorService timer;
    private final String name;

    private FixedDelayLoop(String name) {
        this.name = name;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public static FixedDelayLoop start(String name, Duration initialDelay, Duration delay, Runnable pass) {
        FixedDelayLoop loop = new FixedDelayLoop(name);
        loop.timer.scheduleWithFixedDelay(() -> {
            try {
                pass.run();
            } catch (RuntimeException e) {
                LOG.warnf("%s: pass failed: %s", loop.name, e.toString());
            }
        }, initialDelay.toMillis(), Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
        return loop;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

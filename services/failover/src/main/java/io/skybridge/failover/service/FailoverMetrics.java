package io.skybridge.failover.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.skybridge.failover.config.FailoverConfig;
import io.skybridge.failover.detection.OutageDetection;
import io.skybridge.failover.domain.Incident;
import io.skybridge.failover.domain.IncidentState;
import io.skybridge.shared.repository.BlockingTransactions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a platform team alerts on in the failover service, all registered at start (a dashboard or an alert never
 * queries a series that does not exist yet):
 * <ul>
 *   <li>{@code skybridge_failover_detection_state{cloud}}: 0 healthy, 1 suspect (evidence, no declaration yet),
 *       2 declared out, as this replica's detector sees it (the leader's is the one that decides: take the max);</li>
 *   <li>{@code skybridge_failover_incidents_open}: incidents in DECLARED, read from PostgreSQL every 10 s (the same
 *       on every replica);</li>
 *   <li>{@code skybridge_failover_step_duration_seconds{step}}: each run of a failover saga step (ISOLATE, PLAN,
 *       CORDON, MOVE) from its start to its status written (a step resumed after a restart or retried by the
 *       sweep is timed again);</li>
 *   <li>{@code skybridge_failover_workloads_moved_total{wave}} and {@code skybridge_failover_workloads_ready_total}:
 *       workloads moved off the failed cloud, and Ready in the surviving one (their rate is the eviction rate).</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class FailoverMetrics {
    private static final Logger LOG = Logger.getLogger(FailoverMetrics.class);
    public static final List<String> STEPS = List.of("ISOLATE", "PLAN", "CORDON", "MOVE");

    @Inject
    MeterRegistry registry;

    @Inject
    FailoverConfig config;

    @Inject
    OutageDetection detection;

    @Inject
    BlockingTransactions transactions;

    private final AtomicLong openIncidents = new AtomicLong();
    private final Map<String, Timer> steps = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> moved = new ConcurrentHashMap<>();
    private Counter ready;

    @PostConstruct
    void register() {
        for (String cloud : config.detection().clouds()) {
            Gauge.builder("skybridge.failover.detection.state", detection, d -> d.detector().verdict(cloud).ordinal())
                    .description("0 healthy, 1 suspect, 2 declared out").tag("cloud", cloud).register(registry);
        }
        Gauge.builder("skybridge.failover.incidents.open", openIncidents, AtomicLong::get)
                .description("incidents declared and not cleared").register(registry);
        for (String step : STEPS) {
            steps.put(step, Timer.builder("skybridge.failover.step.duration").tag("step", step)
                    .description("one failover saga step, from its start to its status written")
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(15)).register(registry));
        }
        for (int wave = 0; wave <= 1; wave++) {
            moved.put(wave, Counter.builder("skybridge.failover.workloads.moved").tag("wave", Integer.toString(wave))
                    .description("workloads moved off the failed cloud").register(registry));
        }
        ready = Counter.builder("skybridge.failover.workloads.ready").description("moved workloads Ready in the surviving cloud")
                .register(registry);
    }

    /** Reads the open incidents (a read on every replica; no leader needed). */
    @Scheduled(every = "${skybridge.failover.metrics.refresh:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void refresh() {
        try {
            Long open = transactions.inTransaction(() -> Incident.count("state", IncidentState.DECLARED));
            openIncidents.set(open == null ? 0 : open);
        } catch (RuntimeException e) {
            LOG.debugf("open incidents not counted this time: %s", e.toString());
        }
    }

    /** Times {@code step} (one of {@link #STEPS}) around {@code work}. */
    public void timeStep(String step, Runnable work) {
        Timer timer = steps.get(step);
        if (timer == null) {
            work.run();
            return;
        }
        timer.record(work);
    }

    public void moved(int wave0, int wave1) {
        moved.get(0).increment(wave0);
        moved.get(1).increment(wave1);
    }

    public void ready(int workloads) {
        ready.increment(workloads);
    }
}

package io.skybridge.shared.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Who runs this service's singleton loops. fabric8's {@code LeaderElector} contends for the service's Lease
 * ({@link LeaderConfig}); once it holds it, this replica takes the next fencing term in PostgreSQL
 * ({@link LeaderFence#acquire}) and only then acts. Loops ask {@link #acting(String)} before each pass and run
 * their work through {@link #runAsLeader}: every {@code BlockingTransactions} transaction of that work checks the
 * term inside the transaction, so a deposed leader's writes are refused even if it has not noticed yet.
 * A replica that cannot reach the Kubernetes API cannot renew, stops leading after {@code renewDeadline}, and
 * reports not ready ({@link LeaderElectionCheck}).
 */
@ApplicationScoped
public class Leadership {
    private static final Logger LOG = Logger.getLogger(Leadership.class);
    private static final ThreadLocal<Long> TERM = new ThreadLocal<>();

    @Inject
    LeaderConfig config;

    @Inject
    LeaderFence fence;

    @Inject
    KubernetesClient kubernetes;

    @Inject
    MeterRegistry metrics;

    @Inject
    Event<LeadershipChanged> changes;

    private final Set<String> loops = ConcurrentHashMap.newKeySet();
    private final Object transition = new Object();
    private volatile boolean leaseHeld;
    private volatile boolean leading;
    private volatile long term = -1;
    private volatile String holder;
    private volatile Instant lastContact;
    /** When this replica last wrote the Lease as its holder (System.nanoTime); leadership lapses renewDeadline later. */
    private volatile long lastRenewNanos;
    private volatile Instant leadingSince;
    private volatile boolean stopped;
    private volatile CompletableFuture<?> election;
    private ExecutorService electorThreads;
    private ExecutorService activations;
    private Thread contender;
    private Counter transitions;

    void onStart(@Observes @Priority(5000) StartupEvent event) { // after the loops started: they see the first LeadershipChanged
        transitions = Counter.builder("skybridge.leader.transitions").description("times this replica started leading")
                .tag("lease", config.leaseName()).register(metrics);
        Gauge.builder("skybridge.leader.term", this, l -> l.current() ? l.term : 0).tag("lease", config.leaseName()).register(metrics);
        if (!config.enabled()) {
            LOG.warnf("leader election off (skybridge.leader.enabled=false): this replica runs every singleton loop; never run two");
            leading = true;
            holder = config.identity();
            leadingSince = Instant.now();
            return;
        }
        electorThreads = Executors.newCachedThreadPool(r -> daemon(r, "leader-elector"));
        activations = Executors.newSingleThreadExecutor(r -> daemon(r, "leader-activation"));
        contender = daemon(this::contend, "leader-election");
        contender.start();
        config.awaitAtStart().ifPresent(wait -> {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!leading && System.nanoTime() < deadline) {
                sleep(20);
            }
            if (!leading) {
                LOG.warnf("lease %s: not leading %s after start (holder %s)", config.leaseName(), wait, holder);
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        CompletableFuture<?> e = election;
        if (e != null) {
            e.cancel(true); // releaseOnCancel: a graceful stop hands the Lease over at once
        }
        if (contender != null) {
            contender.interrupt();
        }
        if (activations != null) {
            activations.shutdownNow();
        }
        if (electorThreads != null) {
            electorThreads.shutdownNow();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Contends for the Lease again and again: an elector that lost its leadership ends, a new one starts. */
    private void contend() {
        LOG.infof("contending for lease %s/%s as %s (lease %s, renew deadline %s, retry %s)", config.namespace(),
                config.leaseName(), config.identity(), config.leaseDuration(), config.renewDeadline(), config.retryPeriod());
        while (!stopped) {
            try {
                var lock = new ObservedLock(new LeaseLock(config.namespace(), config.leaseName(), config.identity()), this::contact);
                var electionConfig = new LeaderElectionConfigBuilder().withName(config.leaseName()).withLock(lock)
                        .withLeaseDuration(config.leaseDuration()).withRenewDeadline(config.renewDeadline())
                        .withRetryPeriod(config.retryPeriod()).withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(this::leaseAcquired, this::leaseLost, this::newLeader))
                        .build();
                election = new LeaderElectorBuilder(kubernetes, electorThreads).withConfig(electionConfig).build().start();
                election.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!stopped) {
                    LOG.warnf("lease %s: election ended (%s), contending again", config.leaseName(), e.toString());
                }
            }
            leaseLost();
            sleep(config.retryPeriod().toMillis());
        }
    }

    private void contact(LeaderElectionRecord record, boolean wrote) {
        lastContact = Instant.now();
        if (record != null) {
            holder = record.getHolderIdentity();
            if (wrote && config.identity().equals(record.getHolderIdentity())) {
                lastRenewNanos = System.nanoTime();
            }
        }
    }

    /**
     * Leading, and the Lease renewed within the renew deadline: a replica that was paused (SIGSTOP, a long GC) or cut
     * off stops acting the moment it resumes, before its elector has even noticed that the Lease moved on.
     */
    private boolean current() {
        return leading && (!config.enabled() || System.nanoTime() - lastRenewNanos < config.renewDeadline().toNanos());
    }

    private void newLeader(String identity) {
        holder = identity;
        LOG.infof("lease %s: leader is now %s", config.leaseName(), identity);
    }

    private void leaseAcquired() {
        leaseHeld = true;
        activations.submit(this::activate);
    }

    /** Takes the next fencing term, then starts acting (unless the Lease was lost meanwhile). */
    private void activate() {
        while (leaseHeld && !stopped) {
            long next;
            try {
                next = VertxContextSupport.subscribeAndAwait(() -> fence.acquire(config.identity()));
            } catch (Throwable e) {
                LOG.warnf("lease %s held but the fencing term could not be taken, retrying: %s", config.leaseName(), e.toString());
                sleep(config.retryPeriod().toMillis());
                continue;
            }
            synchronized (transition) {
                if (!leaseHeld) {
                    return;
                }
                term = next;
                leading = true;
                leadingSince = Instant.now();
            }
            transitions.increment();
            LOG.infof("lease %s: %s leads under term %d", config.leaseName(), config.identity(), next);
            changes.fire(new LeadershipChanged(true, next));
            return;
        }
    }

    private void leaseLost() {
        boolean was;
        synchronized (transition) {
            leaseHeld = false;
            was = leading;
            leading = false;
        }
        if (was) {
            LOG.infof("lease %s: %s stopped leading (term %d)", config.leaseName(), config.identity(), term);
            changes.fire(new LeadershipChanged(false, term));
        }
    }

    /**
     * A write under {@code stale} was refused: a newer term exists, so this replica no longer leads whatever its
     * Lease says. It stops acting at once and contends again (taking a new term if it still holds the Lease).
     */
    void deposed(long stale) {
        if (!leading || term != stale) {
            return;
        }
        LOG.warnf("lease %s: a write under term %d was refused (a newer leader took over); %s stops acting",
                config.leaseName(), stale, config.identity());
        synchronized (transition) {
            leading = false; // at once, on the refused transaction's thread (often a Vert.x event loop)
        }
        activations.submit(() -> { // off that thread: cancelling releases the Lease with a blocking call
            synchronized (transition) {
                leaseHeld = false;
            }
            changes.fire(new LeadershipChanged(false, stale));
            CompletableFuture<?> e = election;
            if (e != null) {
                e.cancel(true); // the contender starts a new election
            }
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether loop {@code loop} may act now (and its {@code skybridge_leader{loop=…}} gauge exists). Ask before
     * every pass; a pass's writes are still checked against the term ({@link #runAsLeader}).
     */
    public boolean acting(String loop) {
        if (loops.add(loop)) {
            Gauge.builder("skybridge.leader", this, l -> l.current() ? 1 : 0).description("1 where this replica runs the loop")
                    .tag("loop", loop).register(metrics);
        }
        return current();
    }

    /**
     * Runs {@code work} as the leader: nothing happens unless this replica leads, and every transaction of
     * {@code BlockingTransactions} inside it is fenced by the current term. @return whether it ran
     */
    public boolean runAsLeader(String loop, Runnable work) {
        if (!acting(loop)) {
            return false;
        }
        Long previous = TERM.get();
        TERM.set(config.enabled() ? term : null);
        try {
            work.run();
        } finally {
            if (previous == null) {
                TERM.remove();
            } else {
                TERM.set(previous);
            }
        }
        return true;
    }

    /** The fencing term of the leader work running on this thread, or null (not leader work, or election off). */
    public static Long currentTerm() {
        return TERM.get();
    }

    /**
     * For reactive leader work: {@code work} inside the caller's transaction after the term check (the term as of
     * now). Fails with {@link NotLeaderException} when this replica does not lead.
     */
    public <T> Uni<T> fenced(String loop, Supplier<Uni<T>> work) {
        if (!acting(loop)) {
            return Uni.createFrom().failure(new NotLeaderException(config.leaseName()));
        }
        if (!config.enabled()) {
            return work.get();
        }
        return fence.check(term).chain(() -> work.get());
    }

    public boolean leading() {
        return current();
    }

    public long term() {
        return term;
    }

    public String holder() {
        return holder;
    }

    public Instant lastContact() {
        return lastContact;
    }

    public Instant leadingSince() {
        return leadingSince;
    }

    public Set<String> loops() {
        return Set.copyOf(loops);
    }
}

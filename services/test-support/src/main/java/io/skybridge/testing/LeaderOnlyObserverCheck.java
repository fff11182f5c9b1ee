package io.skybridge.testing;

import io.skybridge.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two packaged replicas of a service whose background observer loop (failover's prober, networking's link
 * monitor) publishes {@code CloudHealthObserved} samples: only the Lease holder's loop may publish. Checked while
 * both run; then the holder is paused (SIGSTOP) until the other replica holds the Lease, and resumed (SIGCONT):
 * from the moment it wakes, the deposed replica publishes nothing while the new holder goes on.
 */
public final class LeaderOnlyObserverCheck {
    private static final Duration WINDOW = Duration.ofSeconds(5);

    private final Map<String, Process> replicas;
    private final Supplier<String> leaseHolder;
    private final Function<String, String> observerOf;
    private final TestBus bus;

    /**
     * @param replicas    identity → process (exactly two)
     * @param leaseHolder the Lease's {@code holderIdentity} now
     * @param observerOf  identity → the {@code observer} its samples carry
     */
    public LeaderOnlyObserverCheck(Map<String, Process> replicas, Supplier<String> leaseHolder,
                                   Function<String, String> observerOf, TestBus bus) {
        assertEquals(2, replicas.size(), "two replicas");
        this.replicas = replicas;
        this.leaseHolder = leaseHolder;
        this.observerOf = observerOf;
        this.bus = bus;
    }

    public void run() throws Exception {
        await("one replica holds the Lease", () -> replicas.containsKey(leaseHolder.get()));
        String first = leaseHolder.get();
        String second = replicas.keySet().stream().filter(id -> !id.equals(first)).findFirst().orElseThrow();
        Map<String, Integer> both = observersDuring(WINDOW);
        assertTrue(both.getOrDefault(observerOf.apply(first), 0) >= 2, "the leader " + first + " observes: " + both);
        assertFalse(both.containsKey(observerOf.apply(second)), "the follower " + second + " does not: " + both);

        PackagedService.signal(replicas.get(first), "STOP");
        try {
            await(second + " holds the Lease", () -> second.equals(leaseHolder.get()));
        } finally {
            PackagedService.signal(replicas.get(first), "CONT");
        }
        Map<String, Integer> after = observersDuring(WINDOW); // from the moment the deposed replica wakes up
        assertTrue(after.getOrDefault(observerOf.apply(second), 0) >= 2, "the new leader " + second + " observes: " + after);
        assertFalse(after.containsKey(observerOf.apply(first)), "the deposed " + first + " does not: " + after);
    }

    /** Observer → samples published on the health observations topic during the next {@code window}. */
    private Map<String, Integer> observersDuring(Duration window) {
        long from = System.currentTimeMillis();
        Map<String, Integer> count = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : bus.collect(Topics.HEALTH_OBSERVATIONS, r -> r.timestamp() >= from, window)) {
            count.merge(TestBus.json(r).path("observer").asText(), 1, Integer::sum);
        }
        return count;
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not yet (the Lease may not exist)
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within 60 s: " + what);
    }
}

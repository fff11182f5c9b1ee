package io.skybridge.failover.detection;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of the detector over random sample streams (fixed seeds, so a failure is reproducible): whatever
 * the observers say, a declaration is only ever backed by the rules — at least Q distinct observers, in at least
 * two locations, one of them outside the cloud, none of them seeing every cloud fail, all of them failing the
 * cloud for at least T — and a cloud is declared at most once per W.
 */
class OutageDetectorPropertiesTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final List<String> CLOUDS = List.of("aws", "gcp");
    private static final List<String[]> OBSERVERS = List.of(new String[]{"prober@onprem", "onprem"},
            new String[]{"networking@gcp", "gcp"}, new String[]{"networking@aws", "aws"},
            new String[]{"agent-2@gcp", "gcp"}, new String[]{"agent-3@aws", "aws"});
    private static final Duration T = Duration.ofSeconds(3);
    private static final Duration W = Duration.ofSeconds(20);
    private static final Duration TTL = Duration.ofSeconds(15);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
    void shouldOnlyDeclareOnAQuorumThatHeldForTheSustainTimeAndAtMostOncePerWindow(long seed) {
        Random random = new Random(seed);
        OutageDetector detector = new OutageDetector(new DetectionSettings(Set.copyOf(CLOUDS), 2, T, W, TTL));
        // what each observer said last about each cloud, and when
        Map<String, Map<String, Boolean>> latest = new HashMap<>();
        Map<String, Map<String, Instant>> saidAt = new HashMap<>();
        Map<String, Instant> lastDeclared = new HashMap<>();
        Instant now = T0;
        int declarations = 0;
        for (int step = 0; step < 3000; step++) {
            now = now.plusMillis(100 + random.nextInt(400));
            String[] observer = OBSERVERS.get(random.nextInt(OBSERVERS.size()));
            String cloud = CLOUDS.get(random.nextInt(CLOUDS.size()));
            // long healthy and failing phases, so quorums form and break
            boolean healthy = ((now.getEpochSecond() / 30) + observer[0].length() + cloud.length()) % 3 != 0
                    || random.nextInt(10) == 0;
            Map<String, Boolean> said = latest.computeIfAbsent(observer[0], k -> new HashMap<>());
            said.put(cloud, healthy);
            saidAt.computeIfAbsent(observer[0], k -> new HashMap<>()).put(cloud, now);
            List<Decision> decisions = new ArrayList<>(detector.observe(new HealthSample(cloud, observer[0], observer[1],
                    healthy, now), now));
            decisions.addAll(detector.evaluate(now));
            for (Decision d : decisions) {
                if (d instanceof Decision.Declare declare) {
                    checkDeclaration(declare, latest, saidAt, now);
                    declarations++;
                    Instant previous = lastDeclared.put(declare.cloud(), now);
                    assertTrue(previous == null || !now.isBefore(previous.plus(W)),
                            "declared " + declare.cloud() + " twice within W: " + previous + ", " + now);
                }
            }
        }
        assertTrue(declarations > 0, "the stream formed quorums (else this checks nothing)");
    }

    private static void checkDeclaration(Decision.Declare declare, Map<String, Map<String, Boolean>> latest,
                                         Map<String, Map<String, Instant>> saidAt, Instant now) {
        Set<String> observers = new HashSet<>(declare.observers());
        assertTrue(observers.size() >= 2, "a quorum of at least Q=2 observers: " + declare);
        Set<String> locations = new HashSet<>(declare.locations());
        assertTrue(locations.size() >= 2, "observers in at least two locations: " + declare);
        assertTrue(locations.stream().anyMatch(l -> !l.equals(declare.cloud())), "one observer outside the cloud: " + declare);
        for (String o : observers) {
            Map<String, Boolean> said = latest.get(o);
            assertTrue(said != null && Boolean.FALSE.equals(said.get(declare.cloud())), o + " says " + declare.cloud()
                    + " is failing: " + said);
            Map<String, Instant> at = saidAt.get(o);
            assertTrue(!CLOUDS.stream().allMatch(c -> Boolean.FALSE.equals(said.get(c))
                            && !at.get(c).isBefore(now.minus(TTL))),
                    o + " sees every cloud fail: it is partitioned and no evidence");
        }
        assertTrue(!declare.quorumSince().plus(T).isAfter(now), "the quorum held for T before " + now + ": " + declare);
    }
}

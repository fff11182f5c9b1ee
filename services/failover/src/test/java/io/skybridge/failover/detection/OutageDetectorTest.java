package io.skybridge.failover.detection;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutageDetectorTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private final DetectionSettings settings = new DetectionSettings(Set.of("aws", "gcp"), 2,
            Duration.ofSeconds(3), Duration.ofSeconds(60), Duration.ofSeconds(15));
    private final OutageDetector detector = new OutageDetector(settings);

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    private List<Decision> sample(double t, String observer, String location, String cloud, boolean healthy) {
        return detector.observe(new HealthSample(cloud, observer, location, healthy, at(t)), at(t));
    }

    private static List<Decision.Declare> declarations(List<Decision> decisions) {
        return decisions.stream().filter(d -> d instanceof Decision.Declare).map(d -> (Decision.Declare) d).toList();
    }

    @Test
    void shouldDeclareWhenTwoObserversInTwoLocationsAgreeForTheSustainTime() {
        List<Decision> all = new ArrayList<>();
        all.addAll(sample(0, "prober@gcp", "gcp", "aws", false));
        assertEquals(OutageDetector.Verdict.SUSPECT, detector.verdict("aws"));
        all.addAll(sample(0.5, "networking@onprem", "onprem", "aws", false));
        all.addAll(sample(2.0, "prober@gcp", "gcp", "aws", false));
        assertTrue(declarations(all).isEmpty(), "not before T");
        all.addAll(sample(3.6, "networking@onprem", "onprem", "aws", false));

        Decision.Declare declared = declarations(all).get(0);
        assertEquals("aws", declared.cloud());
        assertEquals(List.of("networking@onprem", "prober@gcp"), declared.observers());
        assertEquals(at(0), declared.firstEvidenceAt());
        assertEquals(at(0.5), declared.quorumSince());
        assertEquals(OutageDetector.Verdict.OUT, detector.verdict("aws"));
        assertEquals(OutageDetector.Verdict.HEALTHY, detector.verdict("gcp"));
    }

    @Test
    void shouldCountTheSustainTimeFromWhenTheEvidenceFormedTheQuorum() {
        // both samples reach the detector 0.8 s after they were taken (transport, the observers' outbox)
        detector.observe(new HealthSample("aws", "prober@gcp", "gcp", false, at(0)), at(0.8));
        detector.observe(new HealthSample("aws", "networking@onprem", "onprem", false, at(0.5)), at(1.3));
        detector.observe(new HealthSample("aws", "prober@gcp", "gcp", false, at(2.0)), at(2.8));
        assertTrue(declarations(detector.evaluate(at(3.4))).isEmpty(), "not before T after the quorum formed");

        Decision.Declare declared = declarations(detector.evaluate(at(3.5))).get(0);
        assertEquals(at(0.5), declared.quorumSince(), "the second observer's first failing sample, not its arrival");
        assertEquals(at(0), declared.firstEvidenceAt());
    }

    @Test
    void shouldNotLetALaggingObserverClockShortenTheSustainTimeByMoreThanTheEvidenceAge() {
        // T = 10 s, evidence age 4 s; samples that look 10 s old when they arrive (a lagging clock)
        OutageDetector d = new OutageDetector(new DetectionSettings(Set.of("aws", "gcp"), 2, Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(4)));
        d.observe(new HealthSample("aws", "prober@gcp", "gcp", false, at(0)), at(10));
        d.observe(new HealthSample("aws", "networking@onprem", "onprem", false, at(0.5)), at(10));
        assertTrue(declarations(d.evaluate(at(15.9))).isEmpty(), "T counts from at most 4 s before the quorum was seen");
        Decision.Declare declared = declarations(d.evaluate(at(16.0))).get(0);
        assertEquals(at(6), declared.quorumSince());
    }

    @Test
    void shouldCountEachObserversFailureFromTheStartOfItsCurrentRun() {
        sample(0, "prober@gcp", "gcp", "aws", false);
        sample(1, "prober@gcp", "gcp", "aws", true); // recovered: its next failure starts a new run
        sample(2, "prober@gcp", "gcp", "aws", false);
        sample(2.2, "networking@onprem", "onprem", "aws", false);
        sample(4.0, "prober@gcp", "gcp", "aws", false);
        assertTrue(declarations(detector.evaluate(at(5.1))).isEmpty());
        Decision.Declare declared = declarations(detector.evaluate(at(5.2))).get(0);
        assertEquals(at(2.2), declared.quorumSince());
    }

    @Test
    void shouldOnlySuspectWhatASingleObserverSees() {
        for (double t = 0; t < 30; t += 1) {
            assertTrue(declarations(sample(t, "prober@gcp", "gcp", "aws", false)).isEmpty());
        }
        assertEquals(OutageDetector.Verdict.SUSPECT, detector.verdict("aws"));
    }

    @Test
    void shouldNotDeclareOnObserversThatAllSitInTheSuspectedCloud() {
        for (double t = 0; t < 10; t += 1) {
            sample(t, "a@aws", "aws", "aws", false);
            assertTrue(declarations(sample(t, "b@aws", "aws", "aws", false)).isEmpty());
        }
        assertEquals(OutageDetector.Verdict.SUSPECT, detector.verdict("aws"));
    }

    @Test
    void shouldDiscardAnObserverThatSeesEveryCloudFail() {
        for (double t = 0; t < 10; t += 1) {
            // the on-prem observer lost its own network: both clouds look dead to it
            sample(t, "networking@onprem", "onprem", "aws", false);
            sample(t, "networking@onprem", "onprem", "gcp", false);
            assertTrue(declarations(sample(t, "prober@gcp", "gcp", "aws", false)).isEmpty());
        }
        assertEquals(OutageDetector.Verdict.SUSPECT, detector.verdict("aws"), "one trusted observer only");
        assertEquals(OutageDetector.Verdict.HEALTHY, detector.verdict("gcp"), "a partitioned observer is no evidence");
    }

    @Test
    void shouldIgnoreStaleEvidence() {
        sample(0, "prober@gcp", "gcp", "aws", false);
        // the second observer speaks 20 s later: the first one's sample is too old to count
        List<Decision> later = sample(20, "networking@onprem", "onprem", "aws", false);
        later.addAll(detector.evaluate(at(24)));
        assertTrue(declarations(later).isEmpty());
    }

    @Test
    void shouldRecoverOnlyAfterTheStabilisationWindow() {
        declareAws(0);
        sample(10, "prober@gcp", "gcp", "aws", true);
        sample(10, "networking@onprem", "onprem", "aws", true);
        assertEquals(OutageDetector.Verdict.OUT, detector.verdict("aws"));
        assertTrue(detector.evaluate(at(60)).isEmpty(), "healthy for 50 s only");
        sample(65, "prober@gcp", "gcp", "aws", true);
        List<Decision> decisions = sample(70.5, "networking@onprem", "onprem", "aws", true);
        Decision.Recover recover = assertInstanceOf(Decision.Recover.class, decisions.get(0));
        assertEquals(at(10), recover.healthySince());
        assertEquals(OutageDetector.Verdict.HEALTHY, detector.verdict("aws"));
    }

    @Test
    void shouldRestartTheStabilisationWindowWhenTheCloudFailsAgain() {
        declareAws(0);
        sample(10, "prober@gcp", "gcp", "aws", true);
        sample(10, "networking@onprem", "onprem", "aws", true);
        sample(40, "prober@gcp", "gcp", "aws", false); // a flap
        sample(41, "prober@gcp", "gcp", "aws", true);
        assertTrue(detector.evaluate(at(75)).isEmpty(), "the window restarted at 41 s");
        sample(95, "prober@gcp", "gcp", "aws", true);
        sample(95, "networking@onprem", "onprem", "aws", true);
        assertInstanceOf(Decision.Recover.class, detector.evaluate(at(101.5)).get(0));
    }

    @Test
    void shouldDeclareAFlappingCloudAtMostOncePerWindow() {
        Random random = new Random(11);
        int declared = 0;
        // 120 s of a cloud that flaps every few seconds, seen by two observers
        for (double t = 0; t < 120; t += 0.5) {
            boolean healthy = ((int) (t / 4)) % 2 == 1 || random.nextInt(10) == 0;
            declared += declarations(sample(t, "prober@gcp", "gcp", "aws", healthy)).size();
            declared += declarations(sample(t, "networking@onprem", "onprem", "aws", healthy)).size();
        }
        assertEquals(1, declared, "flapping never clears the outage, so it is declared once");
    }

    @Test
    void shouldIgnoreObserversInACompromisedCloud() {
        detector.distrustLocation("aws");
        for (double t = 0; t < 10; t += 1) {
            sample(t, "prober@aws", "aws", "gcp", false);
            assertTrue(declarations(sample(t, "networking@aws", "aws", "gcp", false)).isEmpty());
        }
        assertEquals(OutageDetector.Verdict.HEALTHY, detector.verdict("gcp"));
    }

    @Test
    void shouldKeepAManualDeclarationUntilHealthyForTheWindow() {
        detector.markOut("gcp", at(0));
        sample(1, "prober@aws", "aws", "gcp", true);
        assertTrue(detector.evaluate(at(30)).isEmpty());
        assertEquals(OutageDetector.Verdict.OUT, detector.verdict("gcp"));
        assertInstanceOf(Decision.Recover.class, sample(61.5, "prober@aws", "aws", "gcp", true).get(0));
    }

    private void declareAws(double start) {
        for (double t = start; t <= start + 3.5; t += 0.5) {
            sample(t, "prober@gcp", "gcp", "aws", false);
            sample(t, "networking@onprem", "onprem", "aws", false);
        }
        assertEquals(OutageDetector.Verdict.OUT, detector.verdict("aws"));
    }
}

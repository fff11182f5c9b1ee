package io.skybridge.failover.detection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Outage detection as a state machine per cloud: HEALTHY → SUSPECT (any observer sees failures) →
 * OUT (a quorum of distinct observers, in at least two locations, at least one outside the cloud,
 * agreed for the sustain time T, counted from when the samples themselves formed the quorum — each observer's
 * failure counted from its first failing sample — not from when they reached this detector) → HEALTHY again only
 * after the stabilisation window W of health.
 * An observer whose fresh samples say every cloud is failing is partitioned itself and its evidence
 * is discarded (Kubernetes' full-disruption rule); observers located in a compromised cloud are not
 * trusted. A cloud is declared at most once per W. Time is passed in, so it is deterministic to test.
 */
public final class OutageDetector {

    public enum Verdict {
        HEALTHY,
        SUSPECT,
        OUT
    }

    private static final class CloudState {
        Verdict verdict = Verdict.HEALTHY;
        Instant firstEvidenceAt;
        Instant quorumSince;
        Instant healthySince;
        Instant lastDeclaredAt;
    }

    private final DetectionSettings settings;
    /** observer → cloud → latest sample */
    private final Map<String, Map<String, HealthSample>> latest = new HashMap<>();
    /** observer → cloud → when its current run of failing samples began (its first failing sample's time) */
    private final Map<String, Map<String, Instant>> failingSince = new HashMap<>();
    private final Map<String, CloudState> clouds = new HashMap<>();
    private final Set<String> untrustedLocations = new HashSet<>();

    public OutageDetector(DetectionSettings settings) {
        this.settings = settings;
        settings.clouds().forEach(c -> clouds.put(c, new CloudState()));
    }

    public synchronized List<Decision> observe(HealthSample sample, Instant now) {
        if (!clouds.containsKey(sample.cloud())) {
            return List.of();
        }
        Map<String, HealthSample> byCloud = latest.computeIfAbsent(sample.observer(), o -> new HashMap<>());
        HealthSample previous = byCloud.get(sample.cloud());
        if (previous == null || !sample.observedAt().isBefore(previous.observedAt())) {
            byCloud.put(sample.cloud(), sample);
            Map<String, Instant> since = failingSince.computeIfAbsent(sample.observer(), o -> new HashMap<>());
            if (sample.healthy()) {
                since.remove(sample.cloud());
            } else {
                since.putIfAbsent(sample.cloud(), sample.observedAt());
            }
        }
        return evaluate(now);
    }

    public synchronized List<Decision> evaluate(Instant now) {
        List<Decision> decisions = new ArrayList<>();
        for (String cloud : new TreeSet<>(clouds.keySet())) {
            Decision d = evaluate(cloud, now);
            if (d != null) {
                decisions.add(d);
            }
        }
        return decisions;
    }

    public synchronized Verdict verdict(String cloud) {
        return clouds.get(cloud).verdict;
    }

    /** An operator (or a restarted instance's persisted incident) says the cloud is out. */
    public synchronized void markOut(String cloud, Instant at) {
        CloudState s = clouds.get(cloud);
        s.verdict = Verdict.OUT;
        s.lastDeclaredAt = at;
        s.healthySince = null;
    }

    /** An operator cleared the outage. */
    public synchronized void markHealthy(String cloud) {
        CloudState s = clouds.get(cloud);
        s.verdict = Verdict.HEALTHY;
        s.firstEvidenceAt = null;
        s.quorumSince = null;
        s.healthySince = null;
    }

    /** Undoes a decision that could not be recorded, so the next evaluation makes it again. */
    public synchronized void revert(Decision decision) {
        CloudState s = clouds.get(decision.cloud());
        if (decision instanceof Decision.Declare declare) {
            s.verdict = Verdict.SUSPECT;
            s.lastDeclaredAt = null;
            s.quorumSince = declare.quorumSince();
        } else if (decision instanceof Decision.Recover recover) {
            s.verdict = Verdict.OUT;
            s.healthySince = recover.healthySince();
        }
    }

    /** Evidence from observers located in a compromised cloud is ignored from now on. */
    public synchronized void distrustLocation(String location) {
        untrustedLocations.add(location);
    }

    public synchronized void trustLocation(String location) {
        untrustedLocations.remove(location);
    }

    private Decision evaluate(String cloud, Instant now) {
        CloudState s = clouds.get(cloud);
        List<HealthSample> fresh = freshEvidence(cloud, now);
        List<HealthSample> failing = fresh.stream().filter(x -> !x.healthy()).toList();
        List<HealthSample> healthy = fresh.stream().filter(HealthSample::healthy).toList();

        if (s.verdict == Verdict.OUT) {
            if (!failing.isEmpty()) {
                s.healthySince = null; // any failure restarts the stabilisation window
            } else if (!healthy.isEmpty()) {
                if (s.healthySince == null) {
                    s.healthySince = now; // the first moment no trusted observer reports a failure
                }
                if (!now.isBefore(s.healthySince.plus(settings.stabilisation()))) {
                    Instant since = s.healthySince;
                    markHealthy(cloud);
                    return new Decision.Recover(cloud, since);
                }
            }
            // no fresh evidence at all: neither recovery nor a restart of the window
            return null;
        }

        if (failing.isEmpty()) {
            s.verdict = Verdict.HEALTHY;
            s.firstEvidenceAt = null;
            s.quorumSince = null;
            return null;
        }
        boolean becameSuspect = s.verdict == Verdict.HEALTHY;
        if (s.firstEvidenceAt == null) {
            s.firstEvidenceAt = failing.stream().map(HealthSample::observedAt).min(Instant::compareTo).orElse(now);
        }
        s.verdict = Verdict.SUSPECT;
        Set<String> observers = new TreeSet<>();
        Set<String> locations = new TreeSet<>();
        failing.forEach(x -> {
            observers.add(x.observer());
            locations.add(x.location());
        });
        if (!meetsQuorum(cloud, observers, locations)) {
            s.quorumSince = null;
            return becameSuspect ? new Decision.Suspect(cloud, List.copyOf(observers), s.firstEvidenceAt) : null;
        }
        if (s.quorumSince == null) {
            // when the evidence itself formed the quorum (not when it reached this detector: transport and the
            // evaluation tick do not delay the declaration), at most evidenceAge before now so that an
            // observer's clock running behind cannot shorten T by more than that
            Instant formed = quorumFormedAt(cloud, failing, now);
            Instant floor = now.minus(settings.evidenceAge());
            s.quorumSince = formed.isBefore(floor) ? floor : formed;
        }
        boolean sustained = !now.isBefore(s.quorumSince.plus(settings.sustain()));
        boolean rateLimited = s.lastDeclaredAt != null && now.isBefore(s.lastDeclaredAt.plus(settings.stabilisation()));
        if (sustained && !rateLimited) {
            s.verdict = Verdict.OUT;
            s.lastDeclaredAt = now;
            s.healthySince = null;
            return new Decision.Declare(cloud, List.copyOf(observers), List.copyOf(locations), s.firstEvidenceAt,
                    s.quorumSince);
        }
        return becameSuspect ? new Decision.Suspect(cloud, List.copyOf(observers), s.firstEvidenceAt) : null;
    }

    /**
     * The earliest moment at which the failing observers' evidence met the quorum rule: observers are taken in
     * the order their current failure began, until Q distinct observers in two locations (one outside the cloud)
     * agree; the failure start of the last one taken. {@code now} if no such moment is known.
     */
    private Instant quorumFormedAt(String cloud, List<HealthSample> failing, Instant now) {
        List<HealthSample> ordered = new ArrayList<>(failing);
        ordered.sort(java.util.Comparator.comparing(this::failureStart));
        Set<String> observers = new TreeSet<>();
        Set<String> locations = new TreeSet<>();
        for (HealthSample x : ordered) {
            observers.add(x.observer());
            locations.add(x.location());
            if (meetsQuorum(cloud, observers, locations)) {
                Instant at = failureStart(x);
                return at.isAfter(now) ? now : at;
            }
        }
        return now;
    }

    /** Q distinct observers, in at least two locations, at least one of them outside {@code cloud}. */
    private boolean meetsQuorum(String cloud, Set<String> observers, Set<String> locations) {
        return observers.size() >= settings.quorum() && locations.size() >= 2
                && locations.stream().anyMatch(l -> !l.equals(cloud));
    }

    private Instant failureStart(HealthSample x) {
        Instant since = failingSince.getOrDefault(x.observer(), Map.of()).get(x.cloud());
        return since == null ? x.observedAt() : since;
    }

    /** The latest sample of every trusted, unpartitioned observer for {@code cloud}, if recent enough. */
    private List<HealthSample> freshEvidence(String cloud, Instant now) {
        Instant oldest = now.minus(settings.sampleTtl());
        List<HealthSample> result = new ArrayList<>();
        for (Map<String, HealthSample> byCloud : latest.values()) {
            HealthSample x = byCloud.get(cloud);
            if (x == null || x.observedAt().isBefore(oldest) || untrustedLocations.contains(x.location())) {
                continue;
            }
            if (partitioned(byCloud, oldest)) {
                continue;
            }
            result.add(x);
        }
        return result;
    }

    /** An observer whose fresh samples cover every cloud and all fail is cut off itself. */
    private boolean partitioned(Map<String, HealthSample> byCloud, Instant oldest) {
        for (String c : settings.clouds()) {
            HealthSample x = byCloud.get(c);
            if (x == null || x.observedAt().isBefore(oldest) || x.healthy()) {
                return false;
            }
        }
        return true;
    }
}

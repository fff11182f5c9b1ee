package io.skybridge.inventory.service;

import io.quarkus.scheduler.Scheduled;
import io.skybridge.inventory.cloud.AwsInstances;
import io.skybridge.inventory.cloud.GcpInstances;
import io.skybridge.inventory.cloud.VmListing;
import io.skybridge.inventory.config.InventoryConfig;
import io.skybridge.inventory.domain.Drift;
import io.skybridge.inventory.repository.DriftStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Periodic cloud sync: lists the VMs of both clouds through the real SDKs and compares them with the
 * model. A finding is reported ({@code DriftDetected}) once it was seen in
 * {@code skybridge.inventory.drift.confirmations} consecutive passes, which absorbs VMs whose
 * NodeProvisioned is still on its way.
 */
@ApplicationScoped
public class DriftSync {
    private static final Logger LOG = Logger.getLogger(DriftSync.class);

    @Inject
    AwsInstances aws;

    @Inject
    GcpInstances gcp;

    @Inject
    DriftStore store;

    @Inject
    InventoryConfig config;

    @Inject
    io.skybridge.shared.leader.Leadership leadership;

    private final Map<String, Integer> sightings = new HashMap<>();

    @Scheduled(every = "${skybridge.inventory.drift.interval}", delayed = "${skybridge.inventory.drift.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.drift().enabled()) {
            return;
        }
        try {
            leadership.runAsLeader("drift-sync", this::sync);
        } catch (RuntimeException e) {
            LOG.warnf("drift sync pass failed, next pass in %s: %s", config.drift().interval(), e.toString());
        }
    }

    /** Runs {@code work} while no pass runs (a pass must not compare the clouds with a half-built model). */
    public synchronized <T> T withoutPasses(java.util.function.Supplier<T> work) {
        return work.get();
    }

    /** One pass. @return how many new findings were reported */
    public synchronized int sync() {
        List<VmListing> listings = new ArrayList<>();
        listings.add(aws.list());
        if (gcp.configured()) {
            listings.add(gcp.list());
        }
        List<String> listed = new ArrayList<>();
        for (VmListing l : listings) {
            if (l.ok()) {
                listed.add(l.cloud());
            } else {
                LOG.infof("drift sync: %s not listed (%s); no conclusion about it this pass", l.cloud(), l.failure());
            }
        }
        DriftStore.Model model = store.model();
        List<Drift> findings = DriftDetector.findings(listings, model.requestedInstances(), model.nodes());
        Map<String, Integer> seen = new HashMap<>();
        List<Drift> confirmed = new ArrayList<>();
        for (Drift d : findings) {
            int times = sightings.getOrDefault(d.id, 0) + 1;
            seen.put(d.id, times);
            if (times >= config.drift().confirmations()) {
                confirmed.add(d);
            }
        }
        // sightings of clouds not listed this pass are kept as they were
        sightings.entrySet().removeIf(e -> !seen.containsKey(e.getKey())
                && listed.stream().anyMatch(c -> e.getKey().contains(":" + c + ":")));
        sightings.putAll(seen);
        int opened = store.record(confirmed, listed);
        if (opened > 0) {
            LOG.infof("drift sync: %d new finding(s)", opened);
        }
        return opened;
    }
}

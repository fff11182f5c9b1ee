package io.skybridge.failover.detection;

import io.quarkus.scheduler.Scheduled;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.health.CloudHealthObserved;
import io.skybridge.failover.cloud.CloudApiProbe;
import io.skybridge.failover.cloud.NodeHeartbeats;
import io.skybridge.failover.config.FailoverConfig;
import io.skybridge.failover.config.ProberConfig;
import io.skybridge.shared.leader.Leadership;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.repository.BlockingTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The failover service's own observer: every interval it probes each cloud's API and counts the
 * heartbeats of that cloud's nodes, and publishes one {@code CloudHealthObserved} per cloud on
 * {@code skybridge.health.observations} — where the detector reads it like any other observer's.
 */
@ApplicationScoped
public class CloudProber {
    private static final Logger LOG = Logger.getLogger(CloudProber.class);

    @Inject
    ProberConfig config;

    @Inject
    FailoverConfig failover;

    @Inject
    CloudApiProbe api;

    @Inject
    NodeHeartbeats heartbeats;

    @Inject
    EventPublisher events;

    @Inject
    BlockingTransactions transactions;

    @Inject
    Leadership leadership;

    @Scheduled(every = "${skybridge.failover.prober.interval:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        if (!config.enabled()) {
            return;
        }
        leadership.runAsLeader("cloud-prober", this::probeOnce); // one observer per service: the leader probes
    }

    private void probeOnce() {
        List<SkybridgeMessage> samples = new ArrayList<>();
        Map<String, NodeHeartbeats.CloudNodes> nodes;
        try {
            nodes = heartbeats.byCloud();
        } catch (RuntimeException e) {
            LOG.debugf("node heartbeats unavailable: %s", e.toString());
            nodes = Map.of();
        }
        for (String cloud : failover.detection().clouds()) {
            samples.add(sample(cloud, api.probe(cloud), nodes.get(cloud)));
        }
        transactions.inTransaction(() -> {
            Uni<?> chain = Uni.createFrom().voidItem();
            for (SkybridgeMessage m : samples) {
                chain = chain.chain(() -> events.publish(m));
            }
            return chain.replaceWithVoid();
        });
    }

    CloudHealthObserved sample(String cloud, CloudApiProbe.Result apiResult, NodeHeartbeats.CloudNodes nodes) {
        String observer = config.clientName() + "@" + config.location();
        Instant now = Instant.now();
        if (!apiResult.healthy()) {
            return new CloudHealthObserved(cloud, null, observer, config.location(), "API", false, null,
                    apiResult.detail(), now);
        }
        if (nodes != null && nodes.total() > 0 && nodes.notReady() > config.notReadyShare() * nodes.total()) {
            return new CloudHealthObserved(cloud, null, observer, config.location(), "NODE_HEARTBEAT", false,
                    apiResult.latencyMillis(), nodes.notReady() + " of " + nodes.total() + " nodes not Ready", now);
        }
        return new CloudHealthObserved(cloud, null, observer, config.location(), "API", true, apiResult.latencyMillis(),
                null, now);
    }
}

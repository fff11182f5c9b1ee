package io.skybridge.failover.detection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.health.CloudHealthObserved;
import io.skybridge.failover.cloud.CloudApiProbe;
import io.skybridge.failover.cloud.NodeHeartbeats;
import io.skybridge.failover.config.FailoverConfig;
import io.skybridge.failover.config.ProberConfig;
import io.skybridge.shared.leader.FixedDelayLoop;
import io.skybridge.shared.leader.Leadership;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.repository.BlockingTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
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

    private FixedDelayLoop loop;

    /** Probes on its own thread every {@code interval} (sub-second intervals are honoured). */
    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            loop = FixedDelayLoop.start("cloud-prober", Duration.ofSeconds(2), config.interval(), this::probe);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    void probe() {
        leadership.runAsLeader("cloud-prober", this::probeOnce); // one observer per service: the leader probes
    }

    private void probeOnce() {
        List<SkybridgeMessage> samples = new ArrayList<>();
        Map<String, NodeHeartbeats.CloudNodes> nodes = nodeHeartbeats();
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

    /** Node readiness moves on Kubernetes' 40 s grace period: listing the nodes every 2 s is plenty. */
    private static final long NODE_LIST_EVERY_NANOS = 2_000_000_000L;
    private Map<String, NodeHeartbeats.CloudNodes> lastNodes = Map.of();
    private long nodesListedAt = System.nanoTime() - NODE_LIST_EVERY_NANOS;

    private Map<String, NodeHeartbeats.CloudNodes> nodeHeartbeats() {
        if (System.nanoTime() - nodesListedAt < NODE_LIST_EVERY_NANOS) {
            return lastNodes;
        }
        nodesListedAt = System.nanoTime();
        try {
            lastNodes = heartbeats.byCloud();
        } catch (RuntimeException e) {
            LOG.debugf("node heartbeats unavailable: %s", e.toString());
            lastNodes = Map.of();
        }
        return lastNodes;
    }

    CloudHealthObserved sample(String cloud, CloudApiProbe.Result apiResult, NodeHeartbeats.CloudNodes nodes) {
        String observer = config.clientName() + "@" + config.location();
        Instant now = Instant.now();
        if (!apiResult.healthy()) {
            return new CloudHealthObserved(cloud, null, observer, config.location(), "API", false, null,
                    apiResult.detail(), apiResult.startedAt());
        }
        if (nodes != null && nodes.total() > 0 && nodes.notReady() > config.notReadyShare() * nodes.total()) {
            return new CloudHealthObserved(cloud, null, observer, config.location(), "NODE_HEARTBEAT", false,
                    apiResult.latencyMillis(), nodes.notReady() + " of " + nodes.total() + " nodes not Ready", now);
        }
        return new CloudHealthObserved(cloud, null, observer, config.location(), "API", true, apiResult.latencyMillis(),
                null, now);
    }
}

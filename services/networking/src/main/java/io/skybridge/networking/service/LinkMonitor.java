package io.skybridge.networking.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.skybridge.shared.leader.FixedDelayLoop;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.contracts.health.CloudHealthObserved;
import io.skybridge.contracts.networking.NetworkLinkDegraded;
import io.skybridge.contracts.networking.NetworkLinkEstablished;
import io.skybridge.contracts.networking.NetworkLinkRestored;
import io.skybridge.contracts.networking.TunnelStatusChanged;
import io.skybridge.networking.cloud.AwsVpnApi;
import io.skybridge.networking.cloud.CloudCallException;
import io.skybridge.networking.cloud.GcpVpnApi;
import io.skybridge.networking.config.NetworkingConfig;
import io.skybridge.networking.domain.LinkPhase;
import io.skybridge.networking.domain.LinkTunnel;
import io.skybridge.networking.domain.NetworkLink;
import io.skybridge.networking.domain.TunnelState;
import io.skybridge.networking.repository.LinkStore;
import io.skybridge.networking.repository.LinkStore.LinkSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Polls both ends of every built link: EC2 {@code VgwTelemetry} and Compute Engine tunnel status.
 * Publishes {@code TunnelStatusChanged} on every transition of either side, {@code NetworkLinkEstablished}
 * when all tunnels are up and {@code NetworkLinkDegraded} whenever fewer are, and a
 * {@code CloudHealthObserved} sample per cloud API per poll for the failover service.
 */
@ApplicationScoped
public class LinkMonitor {
    private static final Logger LOG = Logger.getLogger(LinkMonitor.class);

    @Inject
    LinkStore store;

    @Inject
    AwsVpnApi aws;

    @Inject
    GcpVpnApi gcp;

    @Inject
    NetworkingConfig config;

    @Inject
    io.skybridge.shared.leader.Leadership leadership;

    private FixedDelayLoop loop;

    /** Polls on its own thread every {@code monitor.interval} (sub-second intervals are honoured). */
    void onStart(@Observes StartupEvent event) {
        if (config.monitor().enabled()) {
            loop = FixedDelayLoop.start("link-monitor", Duration.ofSeconds(1), config.monitor().interval(), this::poll);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    void poll() {
        leadership.runAsLeader("link-monitor", this::pollOnce); // one monitor per link: the leader's
    }

    private void pollOnce() {
        for (String linkId : store.linkIdsIn(EnumSet.of(LinkPhase.PROVISIONED, LinkPhase.ESTABLISHED, LinkPhase.DEGRADED))) {
            try {
                observe(linkId);
            } catch (RuntimeException e) {
                LOG.warnf("link %s: monitoring pass failed: %s", linkId, e.toString());
            }
        }
    }

    /** One observation of one link (also used by tests to avoid waiting for the schedule). */
    public void observe(String linkId) {
        LinkSnapshot s = store.load(linkId);
        if (s == null || !s.link().phase.monitored()) {
            return;
        }
        NetworkLink link = s.link();
        List<SkybridgeMessage> out = new ArrayList<>();
        List<SkybridgeMessage> samples = new ArrayList<>();
        Instant now = Instant.now();

        Map<String, Boolean> awsUp = null;
        long t0 = System.nanoTime();
        Instant asked = Instant.now();
        try {
            awsUp = aws.tunnelTelemetry(link.awsRegion, s.tunnels().stream().map(t -> t.awsConnectionId)
                    .filter(Objects::nonNull).distinct().toList());
            samples.add(health("aws", link.awsRegion, true, t0, asked, null));
        } catch (CloudCallException e) {
            samples.add(health("aws", link.awsRegion, false, t0, asked, e.getMessage()));
        }
        Map<String, String> gcpStatus = null;
        t0 = System.nanoTime();
        Instant askedGcp = Instant.now();
        try {
            gcpStatus = gcp.tunnelStatuses(link.gcpProject, link.gcpRegion, s.tunnels().stream().map(t -> t.gcpName).toList());
            samples.add(health("gcp", link.gcpRegion, true, t0, askedGcp, null));
        } catch (CloudCallException e) {
            samples.add(health("gcp", link.gcpRegion, false, t0, askedGcp, e.getMessage()));
        }

        int up = 0;
        List<String> down = new ArrayList<>();
        for (LinkTunnel t : s.tunnels()) {
            String awsSide = awsUp == null ? "UNKNOWN" : Boolean.TRUE.equals(awsUp.get(t.awsOutsideIp)) ? "UP" : "DOWN";
            String gcpRaw = gcpStatus == null ? null : gcpStatus.get(t.gcpName);
            String gcpSide = gcpStatus == null ? "UNKNOWN" : "ESTABLISHED".equals(gcpRaw) ? "UP" : "DOWN";
            if (!awsSide.equals(t.awsStatus)) {
                out.add(new TunnelStatusChanged(link.id, t.id, "aws", t.awsStatus, awsSide,
                        awsUp == null ? "API unreachable" : awsSide, now));
                t.awsStatus = awsSide;
            }
            if (!gcpSide.equals(normalised(t.gcpStatus))) {
                out.add(new TunnelStatusChanged(link.id, t.id, "gcp", normalised(t.gcpStatus), gcpSide,
                        gcpRaw == null ? "API unreachable" : gcpRaw, now));
            }
            t.gcpStatus = gcpRaw == null ? "UNKNOWN" : gcpRaw;
            TunnelState state = "UP".equals(awsSide) && "UP".equals(gcpSide) ? TunnelState.UP : TunnelState.DOWN;
            if (state != t.status) {
                t.status = state;
                t.changedAt = now;
            }
            if (state == TunnelState.UP) {
                up++;
            } else {
                down.add(t.id);
            }
        }
        int total = s.tunnels().size();
        int before = link.tunnelsUp;
        link.tunnelsUp = up;
        if (up == total && link.phase != LinkPhase.ESTABLISHED) {
            link.phase = LinkPhase.ESTABLISHED;
            out.add(new NetworkLinkEstablished(link.id, link.ha() ? "HA" : "BASIC", link.awsCidr, link.gcpCidr,
                    link.awsAsn, link.gcpAsn, up, total, now));
            if (link.restorePending) {
                link.restorePending = false;
                link.isolatedCloud = null;
                out.add(new NetworkLinkRestored(link.id, up, total, link.incidentId, now));
            }
        } else if (up < total && (link.phase == LinkPhase.ESTABLISHED
                || link.phase == LinkPhase.DEGRADED && up != before)) {
            link.phase = LinkPhase.DEGRADED;
            out.add(new NetworkLinkDegraded(link.id, up, total, down, now));
        }
        store.save(link, s.tunnels(), null, out, LinkEvents.causeOf(link));
        store.publish(samples); // health samples start their own story
    }

    private static String normalised(String gcpStatus) {
        if (gcpStatus == null) {
            return null;
        }
        return switch (gcpStatus) {
            case "ESTABLISHED" -> "UP";
            case "UNKNOWN" -> "UNKNOWN";
            default -> "DOWN";
        };
    }

    /** A failed call is evidence from the moment it was made ({@code asked}); an answer, from now. */
    private CloudHealthObserved health(String cloud, String region, boolean healthy, long startNanos, Instant asked,
                                       String detail) {
        long latency = (System.nanoTime() - startNanos) / 1_000_000;
        return new CloudHealthObserved(cloud, region, "networking/" + config.clientName(), config.observerLocation(),
                "API", healthy, healthy ? latency : null,
                detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail,
                healthy ? Instant.now() : asked);
    }
}

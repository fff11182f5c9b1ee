package io.skybridge.shared.leader;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Leader election of a service's singleton loops on a Kubernetes {@code coordination.k8s.io/v1} Lease
 * ({@code skybridge.leader.*}). Defaults replace a dead leader within {@code leaseDuration + retryPeriod × 1.2 (jitter)} ≈ 4.1 s;
 * a leader that cannot renew for {@code renewDeadline} stops acting before anyone else may take the lease.
 */
@ConfigMapping(prefix = "skybridge.leader")
public interface LeaderConfig {
    /** Off: this replica always leads (a single replica without a Kubernetes API); never with two replicas. */
    @WithDefault("true")
    boolean enabled();

    /** The Lease's name; one per service, shared by its singleton loops. */
    @WithDefault("skybridge-${skybridge.service.domain}")
    String leaseName();

    /** The Lease's namespace (in a cluster: the pod's own, from the downward API). */
    @WithDefault("default")
    String namespace();

    /** This replica's identity in the Lease's {@code holderIdentity} (default: host name and pid). */
    String identity();

    /** How long a Lease holds after its last renewal; must exceed {@link #renewDeadline()}. */
    @WithDefault("3500ms")
    Duration leaseDuration();

    /** A leader that could not renew for this long stops acting. */
    @WithDefault("2500ms")
    Duration renewDeadline();

    /** How often a leader renews and a follower tries to acquire. */
    @WithDefault("500ms")
    Duration retryPeriod();

    /**
     * Start-up waits up to this long for this replica to lead (a single-replica test or benchmark that must not
     * race the election); unset in production: a follower starts at once.
     */
    java.util.Optional<Duration> awaitAtStart();
}

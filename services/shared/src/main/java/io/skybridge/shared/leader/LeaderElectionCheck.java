package io.skybridge.shared.leader;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.time.Instant;

/**
 * Readiness {@code leader-election}: who leads the service's Lease, whether this replica does (and under which
 * term), and DOWN when this replica has not reached the Kubernetes API within a lease duration (it can neither
 * hold nor watch the Lease, so it must not act).
 */
@Readiness
@ApplicationScoped
public class LeaderElectionCheck implements HealthCheck {

    @Inject
    LeaderConfig config;

    @Inject
    Leadership leadership;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("leader-election")
                .withData("lease", config.namespace() + "/" + config.leaseName())
                .withData("identity", config.identity())
                .withData("leader", leadership.leading())
                .withData("holder", String.valueOf(leadership.holder()))
                .withData("loops", String.join(",", leadership.loops().stream().sorted().toList()));
        if (leadership.leading()) {
            r.withData("term", leadership.term()).withData("leadingSince", String.valueOf(leadership.leadingSince()));
        }
        if (!config.enabled()) {
            return r.withData("election", "off").up().build();
        }
        Instant contact = leadership.lastContact();
        r.withData("lastContact", String.valueOf(contact));
        boolean reachable = contact != null && Duration.between(contact, Instant.now()).compareTo(config.leaseDuration()) <= 0;
        return (reachable ? r.up() : r.withData("reason", "the Kubernetes API has not answered within "
                + config.leaseDuration().toMillis() + " ms").down()).build();
    }
}

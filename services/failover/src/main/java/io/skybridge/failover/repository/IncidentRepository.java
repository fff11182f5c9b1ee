package io.skybridge.failover.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.skybridge.failover.domain.Incident;
import io.skybridge.failover.domain.IncidentState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, String> {

    /** The open incident of exactly this scope (a region, or the whole cloud when {@code region} is null). */
    public Uni<Incident> openExactly(String cloud, String region) {
        return region == null
                ? find("cloud = ?1 and state = ?2 and region is null", cloud, IncidentState.DECLARED).firstResult()
                : find("cloud = ?1 and state = ?2 and region = ?3", cloud, IncidentState.DECLARED, region).firstResult();
    }

    /**
     * The open incident that already covers {@code region} of {@code cloud} (or the whole cloud when
     * {@code region} is null): one for the whole cloud, or for that same region.
     */
    public Uni<Incident> openCovering(String cloud, String region) {
        if (region == null) {
            return find("cloud = ?1 and state = ?2 and region is null", cloud, IncidentState.DECLARED).firstResult();
        }
        return find("cloud = ?1 and state = ?2 and (region is null or region = ?3)", cloud, IncidentState.DECLARED, region)
                .firstResult();
    }
}

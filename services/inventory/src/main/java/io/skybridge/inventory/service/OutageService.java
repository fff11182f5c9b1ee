package io.skybridge.inventory.service;

import io.skybridge.contracts.failover.OutageCleared;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.inventory.domain.CloudOutage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Outages declared and cleared by failover (shown on {@code GET /clouds}); either order converges. */
@ApplicationScoped
public class OutageService {

    public Uni<Void> declared(OutageDeclared e) {
        return CloudOutage.<CloudOutage>findById(e.incidentId()).chain(existing -> {
            CloudOutage o = existing != null ? existing : new CloudOutage();
            o.incidentId = e.incidentId();
            o.cloud = e.cloud();
            o.region = e.region();
            o.epoch = Math.max(o.epoch, e.epoch());
            o.declaredAt = e.declaredAt();
            return existing != null ? Uni.createFrom().voidItem() : o.persist().replaceWithVoid();
        });
    }

    public Uni<Void> cleared(OutageCleared e) {
        return CloudOutage.<CloudOutage>findById(e.incidentId()).chain(existing -> {
            CloudOutage o = existing != null ? existing : new CloudOutage();
            o.incidentId = e.incidentId();
            o.cloud = e.cloud();
            o.region = e.region();
            o.epoch = Math.max(o.epoch, e.epoch());
            o.clearedAt = e.clearedAt() != null ? e.clearedAt() : java.time.Instant.now();
            return existing != null ? Uni.createFrom().voidItem() : o.persist().replaceWithVoid();
        });
    }
}

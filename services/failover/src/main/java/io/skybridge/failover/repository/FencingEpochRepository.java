package io.skybridge.failover.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.skybridge.failover.domain.FencingEpoch;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class FencingEpochRepository implements PanacheRepositoryBase<FencingEpoch, String> {

    /** Takes the next epoch; the row lock serialises concurrent declarations (call inside a transaction). */
    public Uni<Long> next() {
        return findById(FencingEpoch.GLOBAL, LockModeType.PESSIMISTIC_WRITE).map(row -> {
            row.value++;
            return row.value;
        });
    }
}

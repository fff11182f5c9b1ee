package io.skybridge.shared.leader;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.skybridge.shared.config.MessagingConfig;
import io.skybridge.shared.repository.BulkSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The PostgreSQL half of leadership: the Lease says who should act, the term row says whose writes count.
 * {@link #acquire} increments the term when a replica takes the Lease (its UPDATE waits for the transactions
 * that still hold the row FOR SHARE, so the deposed leader's in-flight writes finish first); {@link #check}, run
 * inside a leader loop's transaction, locks the row FOR SHARE and fails unless the term is still the caller's.
 * Two leaders' writes can therefore never both commit after a handover, whatever the timing.
 */
@ApplicationScoped
public class LeaderFence {

    @Inject
    MessagingConfig messaging;

    @Inject
    LeaderConfig config;

    /** {@code skybridge_leader_fenced_writes_total}: transactions refused because their term was no longer current. */
    @Inject
    MeterRegistry metrics;

    @Inject
    jakarta.enterprise.inject.Instance<Leadership> leadership;

    /** The refused-writes counter exists from the start (dashboards and alerts read it before the first refusal). */
    @jakarta.annotation.PostConstruct
    void registerMetrics() {
        metrics.counter("skybridge.leader.fenced.writes", "lease", config.leaseName());
    }

    /** Takes the next term for {@code identity} (in its own transaction). @return the new term */
    public Uni<Long> acquire(String identity) {
        String sql = "insert into " + messaging.schema() + ".leader_term (lease, term, holder, acquired_at) values ($1, 1, $2, now())"
                + " on conflict (lease) do update set term = leader_term.term + 1, holder = excluded.holder, acquired_at = now()"
                + " returning term";
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> BulkSql.select(s, sql, List.of(config.leaseName(), identity))))
                .map(rows -> ((Number) rows.get(0)[0]).longValue());
    }

    /** Inside the caller's transaction: refused with {@link NotLeaderException} unless {@code term} is current. */
    public Uni<Void> check(long term) {
        String sql = "select term, holder from " + messaging.schema() + ".leader_term where lease = $1 for share";
        return Panache.getSession().chain(s -> BulkSql.select(s, sql, List.of(config.leaseName()))).map(rows -> {
            long current = rows.isEmpty() ? 0 : ((Number) rows.get(0)[0]).longValue();
            if (current != term) {
                metrics.counter("skybridge.leader.fenced.writes", "lease", config.leaseName()).increment();
                leadership.get().deposed(term);
                throw new NotLeaderException(config.leaseName(), term, current, rows.isEmpty() ? null : String.valueOf(rows.get(0)[1]));
            }
            return null;
        });
    }
}

package io.skybridge.shared.leader;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.skybridge.shared.config.ServiceIdentity;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Work for a leader loop that arrives where the loop does not run: an intent's partition is consumed by any
 * replica, but only the leader reconciles. {@link #kick} runs the loop's kick here when this replica leads, and
 * otherwise forwards it with PostgreSQL {@code NOTIFY} on {@code skybridge_kick_<service>}; every replica
 * {@code LISTEN}s and the one that leads kicks. A kick lost on the way (no leader at that moment) is caught by
 * the loop's periodic sweep: kicks only make the leader act sooner.
 */
@ApplicationScoped
public class LeaderKicks {
    private static final Logger LOG = Logger.getLogger(LeaderKicks.class);

    @Inject
    Leadership leadership;

    @Inject
    ServiceIdentity service;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    Optional<String> url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private final Map<String, Consumer<String>> loops = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;

    /** Registers loop {@code loop}'s local kick (called with the id of what is due). */
    public void register(String loop, Consumer<String> kick) {
        loops.put(loop, kick);
    }

    /** Kicks {@code loop} for {@code id} where it runs: here if this replica leads, else the leader. */
    public void kick(String loop, String id) {
        Consumer<String> local = loops.get(loop);
        if (local == null) {
            throw new IllegalStateException("no leader loop " + loop + " registered");
        }
        if (leadership.leading()) {
            local.accept(id);
            return;
        }
        pool.preparedQuery("select pg_notify($1, $2)").execute(Tuple.of(channel(), loop + ":" + id)).subscribe()
                .with(ok -> LOG.debugf("%s %s forwarded to the leader", loop, id),
                        e -> LOG.debugf("%s %s not forwarded (the leader's sweep will find it): %s", loop, id, e.toString()));
    }

    String channel() {
        return "skybridge_kick_" + service.domain();
    }

    void onStart(@Observes StartupEvent event) {
        if (url.isEmpty()) {
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.get().replaceFirst("^vertx-reactive:", ""));
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel(channel()).handler(this::received);
        subscriber.connect().onFailure(e -> LOG.warnf("LISTEN %s failed (kicks wait for sweeps): %s", channel(), e.toString()));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    private void received(String payload) {
        int colon = payload.indexOf(':');
        Consumer<String> local = colon < 0 ? null : loops.get(payload.substring(0, colon));
        if (local != null && leadership.leading()) {
            local.accept(payload.substring(colon + 1));
        }
    }
}

package io.skybridge.networking;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.skybridge.shared.leader.LeaderFence;
import io.skybridge.shared.leader.Leadership;
import io.skybridge.shared.leader.NotLeaderException;
import io.skybridge.shared.repository.BlockingTransactions;
import io.skybridge.shared.repository.BulkSql;
import io.skybridge.testing.SkybridgeWithClouds;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check that makes two leaders impossible by construction: once another replica took the next fencing term
 * (what a replica does right after it took the Lease), leader work of the old term is refused inside its own
 * transaction and writes nothing, even though the old leader still believes it leads; and the new term's UPDATE
 * waits for the old leader's transaction that is still open. Shown against the real PostgreSQL and the emulator's
 * Lease.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class LeaderFencingTest {

    @Inject
    Leadership leadership;

    @Inject
    LeaderFence fence;

    @Inject
    BlockingTransactions transactions;

    @Inject
    MeterRegistry metrics;

    @Test
    void shouldRefuseTheWritesOfADeposedLeaderAndWaitForItsOpenTransaction() throws Throwable {
        awaitLeading();
        long term = leadership.term();
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("leader-election"))
                .body("checks.find { it.name == 'leader-election' }.data.leader", equalTo(true));
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("skybridge_leader{loop=\"link-saga\"} 1.0"));

        // the old leader's transaction is open (term checked, row held FOR SHARE) when another replica takes over;
        // a second piece of its leader work began under the same term and writes only after the takeover (a leader
        // that has not noticed yet; begun before, so the link monitor's own refusal cannot make it skip the write)
        String inFlight = "fence-" + UUID.randomUUID();
        String late = "fence-" + UUID.randomUUID();
        CountDownLatch tookOver = new CountDownLatch(1);
        CountDownLatch lateStarted = new CountDownLatch(1);
        ExecutorService oldLeaderThreads = Executors.newFixedThreadPool(2); // (the common pool has one thread on 2 cores)
        CompletableFuture<Void> oldLeader = CompletableFuture.runAsync(() -> leadership.runAsLeader("link-saga",
                () -> transactions.inTransaction(() -> marker(inFlight)
                        .chain(() -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(800))))), oldLeaderThreads);
        CompletableFuture<Boolean> lateWrite = CompletableFuture.supplyAsync(() -> leadership.runAsLeader("link-saga", () -> {
            lateStarted.countDown();
            awaitQuietly(tookOver);
            transactions.inTransaction(() -> marker(late));
        }), oldLeaderThreads);
        assertTrue(lateStarted.await(5, TimeUnit.SECONDS), "the second piece of leader work began under the old term");
        Thread.sleep(300);
        long takeOverStart = System.nanoTime();
        long next = VertxContextSupport.subscribeAndAwait(() -> fence.acquire("another-replica"));
        long waitedMillis = (System.nanoTime() - takeOverStart) / 1_000_000;
        oldLeader.get(10, TimeUnit.SECONDS);
        assertEquals(term + 1, next);
        assertTrue(waitedMillis >= 300, "the new term waited for the old leader's open transaction (" + waitedMillis + " ms)");
        assertTrue(exists(inFlight), "the transaction that began under the current term committed");

        // from now on the old leader's writes are refused inside their transaction, and nothing is written
        double refusedBefore = refused();
        tookOver.countDown();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> lateWrite.get(10, TimeUnit.SECONDS));
        RuntimeException refusal = (RuntimeException) failed.getCause();
        oldLeaderThreads.shutdown();
        assertTrue(causedBy(refusal, NotLeaderException.class), refusal.toString());
        assertFalse(exists(late), "a deposed leader's write never commits");
        // (the link monitor's own pass, leader work of the same old term, may be refused alongside)
        assertTrue(refused() >= refusedBefore + 1, "skybridge_leader_fenced_writes_total counts it: " + refused());

        // the refused replica stops acting, contends again and (still holding the Lease) leads under a new term
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(leadership.leading() && leadership.term() > next) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(leadership.leading() && leadership.term() > next, "leads again under a newer term: " + leadership.term());
    }

    private void awaitLeading() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!leadership.leading() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(leadership.leading(), "the only replica leads");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the takeover did not happen");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private double refused() {
        var counter = metrics.find("skybridge.leader.fenced.writes").counter();
        return counter == null ? 0 : counter.count();
    }

    private static Uni<Void> marker(String id) {
        return Panache.getSession().chain(s -> BulkSql.update(s, "insert into networking.inbox_message"
                + " (consumer, message_id, message_type, outcome, processed_at) values ($1, $2, $3, $4, now())",
                List.of("leader-fencing-test", id, "test", "APPLIED"))).replaceWithVoid();
    }

    private boolean exists(String id) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession().chain(s -> BulkSql.select(s,
                "select 1 from networking.inbox_message where consumer = $1 and message_id = $2",
                List.of("leader-fencing-test", id))))).size() == 1;
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}

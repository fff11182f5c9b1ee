package io.skybridge.networking.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.networking.AwsVpcRef;
import io.skybridge.contracts.networking.GcpNetworkRef;
import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.RejectedException;
import io.skybridge.testing.SkybridgeWithClouds;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two link requests whose CIDRs overlap, handled at the same time by two consumers (two partitions, or two
 * replicas): the second waits for the first to commit and is refused, instead of checking a plan that does not
 * show the first yet. Against the real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
class CidrPlanConcurrencyTest {

    @Inject
    LinkRequestService service;

    @Test
    void shouldRefuseAnOverlappingLinkRequestedWhileAnotherIsStillCommitting() throws Exception {
        String first = "link-" + id();
        String second = "link-" + id();
        ExecutorService consumers = Executors.newFixedThreadPool(2);
        try {
            // the first request's transaction stays open 800 ms after its link was written
            CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> await(() -> Panache.withTransaction(() ->
                    service.request(message(first, "10.150.0.0/16", "10.151.0.0/16"))
                            .chain(() -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(800))))), consumers);
            Thread.sleep(300);
            RuntimeException refused = assertThrows(RuntimeException.class, () -> await(() -> Panache.withTransaction(() ->
                    service.request(message(second, "10.150.128.0/17", "10.152.0.0/16")))));
            RejectedException rejection = causeOf(refused, RejectedException.class);
            assertTrue(rejection != null, refused.toString());
            assertTrue(rejection.violations().toString().contains("10.150.0.0/16"), "names the CIDR it overlaps: "
                    + rejection.violations());
            slow.get(10, TimeUnit.SECONDS);
        } finally {
            consumers.shutdown();
        }
        given().get("/links/{id}", first).then().statusCode(200);
        given().get("/links/{id}", second).then().statusCode(404);
    }

    private static InboundMessage<NetworkLinkRequested> message(String linkId, String awsCidr, String gcpCidr) {
        String suffix = linkId.substring(linkId.length() - 12);
        NetworkLinkRequested request = new NetworkLinkRequested(linkId,
                new AwsVpcRef("123456789012", "us-east-1", "vpc-" + suffix, awsCidr),
                new GcpNetworkRef("skybridge-demo", "us-central1", "net-" + suffix, gcpCidr), "HA");
        MessageType type = MessageCatalog.of(NetworkLinkRequested.class);
        EventMetadata metadata = EventMetadata.newIntent(type, linkId, "skybridge://test", "user:erin");
        return new InboundMessage<>(Topics.NETWORKING_INTENTS, linkId, metadata, type, request);
    }

    private static void await(java.util.function.Supplier<Uni<Void>> work) {
        try {
            VertxContextSupport.subscribeAndAwait(work::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T extends Throwable> T causeOf(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}

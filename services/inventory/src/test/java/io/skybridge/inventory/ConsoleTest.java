package io.skybridge.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.EventMetadata;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.OutageCleared;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.skybridge.inventory.InventoryTestSupport.WAIT;
import static io.skybridge.inventory.InventoryTestSupport.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator console that inventory serves: its pages, its live feed of the topics over Server-Sent Events (from the
 * real broker), the buffered history, forwarding to another service's REST API, and the trace page's spans.
 */
@QuarkusTest
@QuarkusTestResource(SkybridgeWithClouds.class)
@QuarkusTestResource(FakeServiceApi.class)
class ConsoleTest {
    private static TestBus bus;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // as browsers on http://

    @BeforeAll
    static void connect() {
        bus = TestBus.onSharedBroker();
    }

    @AfterAll
    static void close() {
        bus.close();
    }

    /** An SSE connection read on its own thread: each {@code data:} line, with the {@code id:} before it. */
    private final class SseClient implements AutoCloseable {
        final BlockingQueue<String[]> records = new LinkedBlockingQueue<>();
        final java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;

        SseClient(String lastEventId) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + "/console/api/feed"))
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                r.header("Last-Event-ID", lastEventId);
            }
            response = http.sendAsync(r.build(), HttpResponse.BodyHandlers.ofLines());
            response.thenAcceptAsync(res -> {
                String[] current = new String[3];
                res.body().forEach(line -> {
                    if (line.startsWith("id:")) {
                        current[0] = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        current[1] = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        current[2] = line.substring(5).trim();
                    } else if (line.isEmpty() && current[2] != null) {
                        records.add(current.clone());
                        current[0] = current[1] = current[2] = null;
                    }
                });
            });
        }

        /** The first record whose JSON matches, waiting up to {@code WAIT}. */
        String[] await(java.util.function.Predicate<JsonNode> match) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String[] r = records.poll(500, TimeUnit.MILLISECONDS);
                if (r != null && match.test(ContractJson.mapper().readTree(r[2]))) {
                    return r;
                }
            }
            throw new AssertionError("no such record on the feed within " + WAIT);
        }

        @Override
        public void close() {
            response.thenAccept(res -> res.body().close());
            response.cancel(true);
        }
    }

    private static String newTraceparent() {
        String hex = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        return "00-" + hex.substring(0, 32) + "-" + hex.substring(32, 48) + "-01";
    }

    /** An outage of a region no other test uses, cleared at once: the read model is left as it was. */
    private EventMetadata publishOutage(String incident, String traceparent) {
        String region = "console-test-" + incident;
        MessageType type = MessageCatalog.of(OutageDeclared.class);
        EventMetadata metadata = EventMetadata.newIntent(type, incident, "skybridge://failover", "svc:failover")
                .withTraceparent(traceparent);
        bus.publish(Topics.FAILOVER_EVENTS, new OutageDeclared(incident, "aws", region, 1, true, "user:console-test",
                "console test", Instant.now()), metadata);
        bus.publish(Topics.FAILOVER_EVENTS, new OutageCleared(incident, "aws", region, 1, true, "user:console-test",
                "console test", Instant.now(), Instant.now()), EventMetadata.causedBy(metadata,
                MessageCatalog.of(OutageCleared.class), incident, "skybridge://failover"));
        return metadata;
    }

    @Test
    void shouldServeTheConsolesPagesAndTheirAssets() {
        String index = given().get("/console/").then().statusCode(200).extract().asString();
        assertTrue(index.contains("<div id=\"app\">"), index);
        Matcher script = Pattern.compile("src=\"(/console/assets/[^\"]+\\.js)\"").matcher(index);
        assertTrue(script.find(), "the page loads its bundle: " + index);
        given().get(script.group(1)).then().statusCode(200).body(containsString("EventSource"));
        given().get("/console/api/settings").then().statusCode(200).body("feed", equalTo(true))
                .body("traces", equalTo(true)).body("traceLink", equalTo("#/traces/{traceId}"));
    }

    @Test
    void shouldStreamEachRecordOfTheTopicsLiveWithItsAttributesAndTrace() throws Exception {
        String incident = "inc-console-" + UUID.randomUUID().toString().substring(0, 8);
        String traceparent = newTraceparent();
        try (SseClient feed = new SseClient(null)) {
            EventMetadata sent = publishOutage(incident, traceparent);
            String[] record = feed.await(r -> incident.equals(r.path("key").asText()) && "OutageDeclared".equals(r.path("name").asText()));
            assertEquals("record", record[1]);
            JsonNode r = ContractJson.mapper().readTree(record[2]);
            assertEquals(Long.parseLong(record[0]), r.get("seq").asLong(), "the SSE id is the feed position");
            assertEquals(Topics.FAILOVER_EVENTS, r.get("topic").asText());
            assertEquals("OutageDeclared", r.get("name").asText());
            assertEquals("io.skybridge.failover.OutageDeclared.v1", r.get("type").asText());
            assertEquals(sent.id(), r.get("id").asText());
            assertEquals(sent.correlationId(), r.get("correlationId").asText());
            assertEquals(traceparent.split("-")[1], r.get("traceId").asText());
            assertEquals("aws", r.get("payload").get("cloud").asText());

            // a client that reconnects with Last-Event-ID gets what it missed, from the buffer
            long seq = r.get("seq").asLong();
            try (SseClient again = new SseClient(Long.toString(seq - 1))) {
                String[] first = again.await(x -> true);
                assertEquals(Long.toString(seq), first[0], "resumes right after the last event it saw");
            }

            // the incident page's history: by key and by correlation
            // (on the events topic: inventory may dead-letter the stale-epoch outage under the same key)
            await("history", WAIT, () -> given().queryParam("key", incident).queryParam("topic", Topics.FAILOVER_EVENTS)
                    .get("/console/api/feed/history").then().extract().jsonPath().getList("name")
                    .equals(List.of("OutageDeclared", "OutageCleared")));
            given().queryParam("correlation", sent.correlationId()).get("/console/api/feed/history").then().statusCode(200)
                    .body("[0].key", equalTo(incident));
        }
    }

    @Test
    void shouldShowAPoisonRecordWithItsDeadLetterReason() throws Exception {
        String key = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        try (SseClient feed = new SseClient(null)) {
            bus.publishRaw(Topics.dlq(Topics.INVENTORY_INTENTS), key, Map.of("dead-letter-reason", "not JSON"),
                    "{not json".getBytes(StandardCharsets.UTF_8));
            JsonNode r = ContractJson.mapper().readTree(feed.await(x -> key.equals(x.path("key").asText()))[2]);
            assertEquals("not JSON", r.get("dlqReason").asText());
            assertEquals("{not json", r.get("payload").asText(), "an unreadable payload is shown as text");
        }
    }

    @Test
    void shouldForwardReadsToTheNamedServiceAndRefuseWhatItMustNot() {
        // "networking" is FakeServiceApi here: what it answers comes back through the console's origin, query included
        String forwarded = given().get("/console/api/networking/links/demo-link?view=tunnels").then().statusCode(200)
                .extract().asString();
        assertEquals(FakeServiceApi.BODY, forwarded);
        assertTrue(FakeServiceApi.REQUESTS.contains("GET /links/demo-link?view=tunnels"), FakeServiceApi.REQUESTS.toString());
        given().get("/console/api/failover/incidents").then().statusCode(503)
                .body("detail", containsString("skybridge.console.services.failover"));
        given().get("/console/api/networking/links%3Fx").then().statusCode(400);
        given().get("/console/api/inventory/links").then().statusCode(404);
        given().contentType("application/json").body("{}").post("/console/api/networking/links").then().statusCode(405);
    }

    @Test
    void shouldAnswerTheSpansOfATraceFromTheSpanFiles() {
        String traceparent = newTraceparent();
        String traceId = traceparent.split("-")[1];
        publishOutage("inc-trace-" + UUID.randomUUID().toString().substring(0, 8), traceparent);
        // inventory's processing span of the event joins the event's trace, and lands in the span file
        await("the trace's spans", WAIT, () -> given().get("/console/api/traces/" + traceId).statusCode() == 200);
        List<String> services = new ArrayList<>(given().get("/console/api/traces/" + traceId).then().statusCode(200)
                .extract().jsonPath().getList("spans.service"));
        assertTrue(services.contains("inventory"), services.toString());
        given().get("/console/api/traces/not-a-trace").then().statusCode(400).body("title", equalTo("Invalid trace id"));
        given().get("/console/api/traces/" + "0".repeat(31) + "1").then().statusCode(404);
    }
}

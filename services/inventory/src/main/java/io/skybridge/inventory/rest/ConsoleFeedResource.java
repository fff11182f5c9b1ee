package io.skybridge.inventory.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.skybridge.inventory.config.ConsoleConfig;
import io.skybridge.inventory.domain.FeedEvent;
import io.skybridge.inventory.messaging.LiveFeed;
import io.skybridge.inventory.repository.SpanFiles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The console's own API: the live feed of the topics (Server-Sent Events), the buffered history of an incident or a
 * correlation, the console's settings, and the spans of a trace.
 */
@Path("/console/api")
public class ConsoleFeedResource {

    @Inject
    LiveFeed feed;

    @Inject
    SpanFiles spans;

    @Inject
    ConsoleConfig config;

    @Context
    Sse sse;

    public record Problem(String title, int status, String detail) {
    }

    public record Settings(boolean feed, String traceLink, boolean traces, List<String> services, int feedClients) {
    }

    @GET
    @Path("/settings")
    @Produces(MediaType.APPLICATION_JSON)
    public Settings settings() {
        return new Settings(config.feed().enabled(), config.traceLink(), spans.available(),
                config.services().entrySet().stream().filter(e -> !e.getValue().isBlank()).map(Map.Entry::getKey).sorted()
                        .toList(), feed.clients());
    }

    /**
     * Every record from the feed's buffer on (or after {@code after}/{@code Last-Event-ID}: a reconnecting
     * EventSource misses nothing still buffered), then each new one as it is read. Event name {@code record}, id
     * the feed position.
     */
    @GET
    @Path("/feed")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@QueryParam("after") Long after, @HeaderParam("Last-Event-ID") String lastEventId) {
        long from = after != null ? after : parse(lastEventId);
        return feed.stream(from).map(e -> sse.newEventBuilder().id(Long.toString(e.seq())).name("record")
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(FeedEvent.class, e).build());
    }

    /** Buffered records by aggregate key, correlation id, topic or message name (all optional, AND-ed). */
    @GET
    @Path("/feed/history")
    @Produces(MediaType.APPLICATION_JSON)
    public List<FeedEvent> history(@QueryParam("key") String key, @QueryParam("correlation") String correlation,
                                   @QueryParam("topic") String topic, @QueryParam("name") String name,
                                   @QueryParam("limit") Integer limit) {
        Predicate<FeedEvent> filter = e -> (key == null || key.equals(e.key()))
                && (correlation == null || correlation.equals(e.correlationId()))
                && (topic == null || topic.equals(e.topic()))
                && (name == null || name.equals(e.name()));
        int max = limit == null ? 1000 : Math.max(1, Math.min(limit, config.feed().buffer()));
        return feed.history(filter, max);
    }

    @GET
    @Path("/traces/{traceId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Response trace(@PathParam("traceId") String traceId) {
        if (!traceId.matches("[0-9a-f]{32}")) {
            return problem(400, "Invalid trace id", "a trace id is 32 lower-case hex digits: " + traceId);
        }
        if (!spans.available()) {
            return problem(404, "Traces are not kept by this console",
                    "skybridge.console.trace-dir is not set; follow the trace link (" + config.traceLink() + ")");
        }
        List<JsonNode> found = spans.trace(traceId);
        if (found.isEmpty()) {
            return problem(404, "No such trace", "no span of trace " + traceId + " in the span files");
        }
        return Response.ok(Map.of("traceId", traceId, "spans", found)).build();
    }

    static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json").entity(new Problem(title, status, detail)).build();
    }

    private static long parse(String lastEventId) {
        try {
            return Objects.requireNonNullElse(lastEventId, "").isBlank() ? 0 : Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

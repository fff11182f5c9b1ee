package io.skybridge.inventory.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One record of a Skybridge topic as the console shows it: where it was read, its CloudEvents attributes, the trace
 * it belongs to and its JSON payload.
 *
 * @param seq Position in this replica's feed (monotonic; the SSE event id, so a reconnecting client resumes).
 * @param type {@code ce_type}, e.g. {@code io.skybridge.failover.OutageDeclared.v1}.
 * @param name The message name from the type ({@code OutageDeclared}).
 * @param traceId The W3C trace id of its {@code traceparent} header, null without one.
 * @param dlqReason Why a dead-lettered record was refused, null elsewhere.
 */
public record FeedEvent(long seq, String topic, int partition, long offset, String key, String id, String type,
                        String name, String source, Instant time, String correlationId, String causationId,
                        String principal, String traceId, String dlqReason, JsonNode payload) {
}

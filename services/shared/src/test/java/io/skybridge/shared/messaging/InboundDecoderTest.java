package io.skybridge.shared.messaging;

import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.failover.OutageDeclarationRequested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboundDecoderTest {
    private static final String TYPE = "io.skybridge.failover.OutageDeclarationRequested.v1";
    private final InboundDecoder decoder = new InboundDecoder(1024);

    private static Map<String, String> headers(String type) {
        Map<String, String> h = new HashMap<>();
        h.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        h.put(CloudEventHeaders.ID, "id-1");
        h.put(CloudEventHeaders.TYPE, type);
        h.put(CloudEventHeaders.SOURCE, "skybridge://test");
        h.put(CloudEventHeaders.PRINCIPAL, "user:zoe");
        return h;
    }

    private static InboundRecord record(Map<String, String> headers, String value) {
        return new InboundRecord(Topics.FAILOVER_INTENTS, 0, 7, "aws", headers,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private Decoded.Rejected rejected(InboundRecord record) {
        return assertInstanceOf(Decoded.Rejected.class, decoder.decode(record));
    }

    @Test
    void shouldDecodeAValidIntentIntoItsRecord() {
        Decoded d = decoder.decode(record(headers(TYPE), "{\"cloud\":\"aws\",\"reason\":\"dark\"}"));
        InboundMessage<?> m = assertInstanceOf(Decoded.Accepted.class, d).message();
        assertEquals(new OutageDeclarationRequested("aws", null, "dark"), m.payload());
        assertEquals("user:zoe", m.metadata().principal());
        assertEquals("id-1", m.metadata().correlationId(), "an intent without correlation starts its own story");
    }

    @Test
    void shouldRejectOversizedRecordBeforeParsingIt() {
        assertEquals(RejectionReason.RECORD_TOO_LARGE, rejected(record(headers(TYPE), "x".repeat(2000))).reason());
    }

    @Test
    void shouldRejectMissingCloudEventsId() {
        Map<String, String> h = headers(TYPE);
        h.remove(CloudEventHeaders.ID);
        Decoded.Rejected r = rejected(record(h, "{}"));
        assertEquals(RejectionReason.INVALID_ENVELOPE, r.reason());
        assertTrue(r.detail().contains("ce_id"), r.detail());
    }

    @Test
    void shouldRejectATypeThatBelongsToAnotherTopic() {
        assertEquals(RejectionReason.UNKNOWN_TYPE,
                rejected(record(headers("io.skybridge.networking.NetworkLinkRequested.v1"), "{}")).reason());
    }

    @Test
    void shouldRejectMalformedJson() {
        assertEquals(RejectionReason.MALFORMED_JSON, rejected(record(headers(TYPE), "{\"cloud\":")).reason());
    }

    @Test
    void shouldRejectSchemaViolationsListingEachOne() {
        Decoded.Rejected r = rejected(record(headers(TYPE), "{\"cloud\":\"azure\"}"));
        assertEquals(RejectionReason.SCHEMA_VIOLATION, r.reason());
        assertTrue(r.violations().size() >= 2, r.violations().toString()); // bad enum + missing reason
    }

    @Test
    void shouldRejectAnUnparseableTimestamp() {
        Map<String, String> h = headers(TYPE);
        h.put(CloudEventHeaders.TIME, "yesterday");
        assertEquals(RejectionReason.INVALID_ENVELOPE, rejected(record(h, "{}")).reason());
    }

    @Test
    void shouldRejectARecordWithMoreHeadersThanTheLimit() {
        Map<String, String> h = headers(TYPE);
        for (int i = 0; i < EnvelopeLimits.MAX_HEADERS; i++) {
            h.put("x-" + i, "v");
        }
        Decoded.Rejected r = rejected(record(h, "{}"));
        assertEquals(RejectionReason.INVALID_ENVELOPE, r.reason());
        assertTrue(r.detail().contains("headers exceed the limit of 32"), r.detail());
    }

    @Test
    void shouldRejectACloudEventsIdTooLongToBeAnInboxKeyAndNameTheRecordByItsPosition() {
        Map<String, String> h = headers(TYPE);
        h.put(CloudEventHeaders.ID, "i".repeat(500));
        InboundRecord record = record(h, "{}");
        Decoded.Rejected r = rejected(record);
        assertEquals(RejectionReason.INVALID_ENVELOPE, r.reason());
        assertTrue(r.detail().contains("ce_id is longer than 128"), r.detail());
        assertEquals(Topics.FAILOVER_INTENTS + "/0/7", record.inboxId());
        assertEquals("aws", record.identity(), "the key names it");
    }

    @Test
    void shouldCapTheViolationsOfARejectionAndCountThemAll() {
        java.util.List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add("violation " + i + " " + "x".repeat(i == 0 ? 1000 : 10));
        }
        Decoded.Rejected r = new Decoded.Rejected(RejectionReason.SCHEMA_VIOLATION, "d".repeat(10_000), many, TYPE);
        assertEquals(21, r.violations().size());
        assertEquals("… and 4980 more (5000 violations in all)", r.violations().get(20));
        assertTrue(r.violations().get(0).length() <= Bounded.MAX_TEXT, "each violation is cut");
        assertTrue(r.detail().length() <= Bounded.MAX_TEXT);
    }

    @Test
    void shouldCutAHeaderValueAtACharacterBoundaryWithinItsByteLimit() {
        String cut = Bounded.utf8("é".repeat(2000), 1024);
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 1024, "bytes " + cut.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(cut.endsWith("…"));
        assertEquals("short", Bounded.utf8("short", 1024));
    }

    @Test
    void shouldRejectJsonNestedDeeperThanTheLimit() {
        String deep = "{\"cloud\":\"aws\",\"reason\":\"dark\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        InboundDecoder big = new InboundDecoder(1 << 20);
        Decoded.Rejected r = assertInstanceOf(Decoded.Rejected.class, big.decode(record(headers(TYPE), deep)));
        assertEquals(RejectionReason.MALFORMED_JSON, r.reason());
        assertTrue(r.detail().contains("nesting depth"), r.detail());
    }

    @Test
    void shouldRejectANumberLiteralLongerThanTheLimit() {
        String json = "{\"cloud\":\"aws\",\"reason\":\"dark\",\"n\":" + "9".repeat(200) + "}";
        InboundDecoder big = new InboundDecoder(1 << 20);
        Decoded.Rejected r = assertInstanceOf(Decoded.Rejected.class, big.decode(record(headers(TYPE), json)));
        assertEquals(RejectionReason.MALFORMED_JSON, r.reason());
        assertTrue(r.detail().contains("Number value length"), r.detail());
    }
}

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
}

package io.skybridge.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON mapping every Skybridge producer and consumer uses for payloads. */
public final class ContractJson {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private ContractJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Deepest nesting of arrays and objects a Skybridge message may have (every schema needs fewer than 10). */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Longest string value (a record is at most 256 KiB anyway). */
    public static final int MAX_STRING_LENGTH = 64 * 1024;
    /** Longest number literal: no contract field needs more than a long's 19 digits. */
    public static final int MAX_NUMBER_LENGTH = 40;
    /** Longest property name. */
    public static final int MAX_NAME_LENGTH = 1024;

    /**
     * Applies Skybridge's settings: ISO-8601 timestamps, nulls omitted, unknown fields tolerated (forward
     * compatibility), and explicit parser limits ({@link #limit}).
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        limit(mapper);
        return mapper.registerModule(new JavaTimeModule())
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    /**
     * Parser limits on untrusted input, tighter than Jackson's defaults: nesting depth, string, number and property
     * name length. A document over a limit fails to parse (a {@code StreamConstraintsException}).
     */
    public static ObjectMapper limit(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .build());
        return mapper;
    }
}

package io.skybridge.cli.stack;

import java.util.List;
import java.util.Map;

/** One process of the local stack: how to start it and how to know it is ready. */
public interface Component {
    String name();

    /** Runs before {@link #command()} (e.g. formatting Kafka's storage); may be a no-op. */
    default void prepare(StackContext ctx) throws Exception {
    }

    List<String> command(StackContext ctx);

    default Map<String, String> environment(StackContext ctx) {
        return Map.of();
    }

    /** True once the component answers. */
    boolean ready(StackContext ctx);

    /** Runs once, after readiness (e.g. creating topics). */
    default void afterReady(StackContext ctx) throws Exception {
    }

    /** Where it listens, for people. */
    String endpoint(StackContext ctx);
}

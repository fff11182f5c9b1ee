package io.skybridge.cli.demo;

import io.skybridge.cli.events.EventRecord;
import io.skybridge.cli.events.EventStream;
import io.skybridge.cli.events.StatusTopics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every status event since the demo began, kept in order: a step waiting for one event still finds
 * it when it arrived while an earlier step was waiting. Each new event is shown once to {@code onNew}.
 */
public final class StoryEvents implements AutoCloseable {
    private final EventStream stream;
    private final List<EventRecord> history = new ArrayList<>();
    private final Consumer<EventRecord> onNew;

    public StoryEvents(String bootstrapServers, Consumer<EventRecord> onNew) {
        this.stream = new EventStream(bootstrapServers, StatusTopics.events(), false);
        this.onNew = onNew;
    }

    public List<EventRecord> history() {
        return List.copyOf(history);
    }

    /** The first event (since the demo began) matching {@code wanted}, waiting up to {@code timeout}. */
    public Optional<EventRecord> await(Predicate<EventRecord> wanted, Duration timeout) {
        Optional<EventRecord> seen = history.stream().filter(wanted).findFirst();
        if (seen.isPresent()) {
            return seen;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (EventRecord e : stream.poll(Duration.ofMillis(250))) {
                history.add(e);
                onNew.accept(e);
                if (wanted.test(e)) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** Reads whatever arrived, without waiting for anything in particular. */
    public void drain(Duration quiet) {
        await(e -> false, quiet);
    }

    public long count(Predicate<EventRecord> p) {
        return history.stream().filter(p).count();
    }

    @Override
    public void close() {
        stream.close();
    }
}

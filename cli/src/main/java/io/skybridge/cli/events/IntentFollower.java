package io.skybridge.cli.events;

import io.skybridge.cli.KafkaSettings;
import io.skybridge.cli.intent.IntentSender;
import io.skybridge.cli.intent.PreparedIntent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Publishes an intent and, when asked, follows its story: the events whose ce_correlationid is the
 * intent id, until the intent's terminal event. The stream is positioned before the send.
 */
public final class IntentFollower {
    private final KafkaSettings kafka;

    public IntentFollower(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    /** What happened to one intent. */
    public record Result(Outcome outcome, List<EventRecord> events) {
        public EventRecord last() {
            return events.isEmpty() ? null : events.get(events.size() - 1);
        }
    }

    public void send(PreparedIntent intent) {
        try (IntentSender sender = new IntentSender(kafka)) {
            sender.send(intent);
        }
    }

    public Result sendAndFollow(PreparedIntent intent, Duration timeout, Consumer<EventRecord> onEvent) {
        return sendAndFollow(intent, timeout, () -> { }, onEvent);
    }

    public Result sendAndFollow(PreparedIntent intent, Duration timeout, Runnable afterSend, Consumer<EventRecord> onEvent) {
        TerminalRule rule = TerminalRule.forIntent(intent.type(), intent.payload());
        try (EventStream stream = new EventStream(kafka, StatusTopics.events(), false)) {
            send(intent);
            afterSend.run();
            return follow(stream, intent.id(), rule, timeout, onEvent);
        }
    }

    static Result follow(EventStream stream, String correlationId, TerminalRule rule, Duration timeout,
                         Consumer<EventRecord> onEvent) {
        List<EventRecord> story = new ArrayList<>();
        Outcome[] outcome = {Outcome.PENDING};
        stream.until(e -> {
            if (!correlationId.equals(e.correlationId())) {
                return false;
            }
            story.add(e);
            onEvent.accept(e);
            outcome[0] = rule.accept(e);
            return outcome[0] != Outcome.PENDING;
        }, timeout, e -> { });
        return new Result(outcome[0], story);
    }
}

package io.skybridge.cli.events;

import io.skybridge.contracts.Topics;

import java.util.ArrayList;
import java.util.List;

/** The topics the CLI reads: every service's events topic, optionally the health observations. */
public final class StatusTopics {
    private StatusTopics() {
    }

    public static List<String> events() {
        return Topics.SERVICE_DOMAINS.stream().map(Topics::events).toList();
    }

    public static List<String> eventsAndObservations() {
        List<String> all = new ArrayList<>(events());
        all.add(Topics.HEALTH_OBSERVATIONS);
        return all;
    }
}

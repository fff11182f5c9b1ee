package io.skybridge.contracts;

import java.util.List;

/** The topic catalogue. Only the owning service writes its {@code .events} topic. */
public final class Topics {
    public static final String NETWORKING = "networking";
    public static final String PROVISIONING = "provisioning";
    public static final String FAILOVER = "failover";
    public static final String INVENTORY = "inventory";
    public static final String HEALTH = "health";

    /** The domains that own an intents and an events topic (one per service). */
    public static final List<String> SERVICE_DOMAINS = List.of(NETWORKING, PROVISIONING, FAILOVER, INVENTORY);

    public static final String NETWORKING_INTENTS = intents(NETWORKING);
    public static final String NETWORKING_EVENTS = events(NETWORKING);
    public static final String PROVISIONING_INTENTS = intents(PROVISIONING);
    public static final String PROVISIONING_EVENTS = events(PROVISIONING);
    public static final String FAILOVER_INTENTS = intents(FAILOVER);
    public static final String FAILOVER_EVENTS = events(FAILOVER);
    public static final String INVENTORY_INTENTS = intents(INVENTORY);
    public static final String INVENTORY_EVENTS = events(INVENTORY);
    public static final String HEALTH_OBSERVATIONS = "skybridge.health.observations";

    private Topics() {
    }

    public static String intents(String domain) {
        return "skybridge." + domain + ".intents";
    }

    public static String events(String domain) {
        return "skybridge." + domain + ".events";
    }

    public static String dlq(String topic) {
        return topic + ".dlq";
    }

    /** Every topic Skybridge uses, dead-letter topics included. */
    public static List<String> all() {
        var topics = new java.util.ArrayList<String>();
        for (String d : SERVICE_DOMAINS) {
            topics.add(intents(d));
            topics.add(events(d));
        }
        topics.add(HEALTH_OBSERVATIONS);
        var withDlq = new java.util.ArrayList<>(topics);
        topics.forEach(t -> withDlq.add(dlq(t)));
        return List.copyOf(withDlq);
    }

    /** The domain whose service owns a topic ({@code skybridge.<domain>.…}). */
    public static String domainOf(String topic) {
        String[] parts = topic.split("\\.");
        if (parts.length < 3 || !parts[0].equals("skybridge")) {
            throw new IllegalArgumentException("not a Skybridge topic: " + topic);
        }
        return parts[1];
    }

    public static boolean isIntentsTopic(String topic) {
        return topic.endsWith(".intents");
    }
}

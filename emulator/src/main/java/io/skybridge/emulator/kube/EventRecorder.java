package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/** Writes the core/v1 Events the control plane's components report; the oldest go beyond {@link #MAX_EVENTS}. */
public final class EventRecorder {
    /** Events recorded by the control plane are capped (the API server's TTL, by count): the oldest go first. */
    public static final int MAX_EVENTS = 10_000;
    private final KubeStore store;
    private final KubeConfig cfg;
    private final LongSupplier clock;
    private final ArrayDeque<String[]> recordedEvents = new ArrayDeque<>();

    public EventRecorder(KubeStore store, KubeConfig cfg, LongSupplier clock) {
        this.store = store;
        this.cfg = cfg;
        this.clock = clock;
    }

    /** Records a core/v1 Event about {@code involved}. */
    public void record(ObjectNode involved, String type, String reason, String message, String component) {
        if (!cfg.recordEvents || involved == null) {
            return;
        }
        String ns = Json.namespace(involved);
        if (ns.isEmpty()) {
            ns = "default";
        }
        long now = clock.getAsLong();
        ObjectNode e = Json.object();
        e.putObject("metadata").put("name", Json.name(involved) + "." + Long.toHexString(System.nanoTime())).put("namespace", ns);
        e.putObject("involvedObject").put("kind", involved.path("kind").asText()).put("namespace", Json.namespace(involved))
            .put("name", Json.name(involved)).put("uid", involved.path("metadata").path("uid").asText())
            .put("apiVersion", involved.path("apiVersion").asText()).put("resourceVersion", involved.path("metadata").path("resourceVersion").asText());
        e.put("reason", reason).put("message", message).put("type", type).put("count", 1)
            .put("firstTimestamp", Json.time(now)).put("lastTimestamp", Json.time(now))
            .put("reportingComponent", component).put("reportingInstance", "");
        e.putObject("source").put("component", component);
        try {
            ObjectNode created = store.create(ResourceType.EVENTS, ns, e);
            synchronized (recordedEvents) {
                recordedEvents.addLast(new String[] {ns, Json.name(created)});
                while (recordedEvents.size() > MAX_EVENTS) {
                    String[] old = recordedEvents.removeFirst();
                    try {
                        store.delete(ResourceType.EVENTS, old[0], old[1], 0L, null);
                    } catch (KubeException gone) {
                        // deleted by a client
                    }
                }
            }
        } catch (KubeException ex) {
            // best effort
        }
    }
}

package io.skybridge.emulator.world;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bounded, thread-safe log of what happened. */
public final class EventLog {
    private final int capacity;
    private final SimClock clock;
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private long seq;

    public EventLog(SimClock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    public synchronized Event record(String cloud, String region, String type, String resource, Object... kv) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                details.put(String.valueOf(kv[i]), kv[i + 1]);
            }
        }
        Event e = new Event(++seq, clock.now().toString(), cloud, region, type, resource,
            Collections.unmodifiableMap(details));
        events.addLast(e);
        while (events.size() > capacity) {
            events.removeFirst();
        }
        return e;
    }

    /** Events with a sequence number greater than {@code afterSeq}, oldest first. */
    public synchronized List<Event> since(long afterSeq) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (e.seq() > afterSeq) {
                out.add(e);
            }
        }
        return out;
    }

    public synchronized void clear() {
        events.clear();
    }
}

package io.skybridge.failover.saga;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.skybridge.contracts.failover.PlannedMove;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The plan's moves and what happened to each, saved on the run ({@code failover_run.moves}) with every step's
 * progress: a resumed run moves only what had not moved and reports each migration once.
 */
public final class MoveLedger {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** One planned move: its wave, when it was made and when the workload was Ready in the surviving cloud. */
    public static final class Entry {
        public String workloadId;
        public int replicas;
        public long cpuMillis;
        public long memoryBytes;
        public int priority;
        public int wave;
        public Instant movedAt;
        public Instant readyAt;
        public Integer desired;
        public int forceDeleted;

        public boolean moved() {
            return movedAt != null;
        }

        public boolean ready() {
            return readyAt != null;
        }
    }

    private MoveLedger() {
    }

    public static List<Entry> of(List<PlannedMove> moves) {
        List<Entry> out = new ArrayList<>(moves.size());
        for (PlannedMove m : moves) {
            Entry e = new Entry();
            e.workloadId = m.workloadId();
            e.replicas = m.replicas();
            e.cpuMillis = m.perReplica().cpuMillis();
            e.memoryBytes = m.perReplica().memoryBytes();
            e.priority = m.priority();
            e.wave = m.wave() == null ? 0 : m.wave();
            out.add(e);
        }
        return out;
    }

    /** The run's ledger; a run saved before progressive moves has only its workload ids (all in wave 0). */
    public static List<Entry> read(String json, String planWorkloads) {
        if (json != null && !json.isBlank()) {
            try {
                return JSON.readValue(json, new TypeReference<List<Entry>>() { });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable failover_run.moves", e);
            }
        }
        List<Entry> out = new ArrayList<>();
        if (planWorkloads != null && !planWorkloads.isBlank()) {
            for (String id : Arrays.asList(planWorkloads.split(","))) {
                Entry e = new Entry();
                e.workloadId = id;
                out.add(e);
            }
        }
        return out;
    }

    public static String write(List<Entry> entries) {
        try {
            return JSON.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

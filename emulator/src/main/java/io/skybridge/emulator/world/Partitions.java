package io.skybridge.emulator.world;

import io.skybridge.emulator.control.PartitionMode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** Clients cut off from the clouds' APIs, by the client name their requests carry, with how they are cut off. */
public final class Partitions {
    private final ReentrantLock lock;
    private final EventLog events;
    private final Map<String, PartitionMode> partitions = new LinkedHashMap<>();

    Partitions(ReentrantLock lock, EventLog events) {
        this.lock = lock;
        this.events = events;
    }

    void reset() {
        partitions.clear();
    }

    public void partition(String client, PartitionMode mode) {
        if (client == null || client.isBlank()) {
            throw new IllegalArgumentException("client name is required");
        }
        lock.lock();
        try {
            partitions.put(client, mode);
            events.record("control", null, "client.partitioned", client, "mode", mode.id());
        } finally {
            lock.unlock();
        }
    }

    public boolean heal(String client) {
        lock.lock();
        try {
            boolean removed = partitions.remove(client) != null;
            if (removed) {
                events.record("control", null, "client.healed", client);
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }

    public PartitionMode partitionOf(String client) {
        if (client == null) {
            return null;
        }
        lock.lock();
        try {
            return partitions.get(client);
        } finally {
            lock.unlock();
        }
    }

    public Map<String, PartitionMode> all() {
        lock.lock();
        try {
            return Map.copyOf(partitions);
        } finally {
            lock.unlock();
        }
    }
}

package io.skybridge.emulator.kube;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests the API server answered, by verb as Kubernetes audit logs name them (get, list, watch, create,
 * update, patch, delete, …): benchmarks report the API calls a controller makes per object it acts on.
 */
public final class RequestCounter {
    private final Map<String, LongAdder> byVerb = new ConcurrentHashMap<>();

    void count(String verb) {
        byVerb.computeIfAbsent(verb, v -> new LongAdder()).increment();
    }

    /** A copy: verb → requests so far. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        byVerb.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public long total() {
        return byVerb.values().stream().mapToLong(LongAdder::sum).sum();
    }

    static String verb(String method, boolean named, boolean watch) {
        return switch (method) {
            case "GET" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
    }
}

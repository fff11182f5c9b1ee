package io.skybridge.contracts.common;

/**
 * An amount of compute: CPU in millicores and memory in bytes (may be negative for a headroom).
 *
 * @param cpuMillis CPU in millicores.
 * @param memoryBytes Memory in bytes.
 */
public record ResourceAmount(
        long cpuMillis,
        long memoryBytes) {
}

package io.skybridge.contracts.common;

/** A Kubernetes node taint ({@code effect}: NoSchedule, PreferNoSchedule or NoExecute). */
public record Taint(String key, String value, String effect) {
}

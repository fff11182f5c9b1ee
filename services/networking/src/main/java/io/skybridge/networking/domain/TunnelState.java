package io.skybridge.networking.domain;

/** A tunnel is UP only when both ends say so. */
public enum TunnelState {
    PENDING,
    UP,
    DOWN
}

package io.skybridge.failover.domain;

public enum IncidentState {
    DECLARED,
    CLEARED
}

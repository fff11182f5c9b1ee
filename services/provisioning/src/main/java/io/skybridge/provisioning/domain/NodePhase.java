package io.skybridge.provisioning.domain;

import java.util.EnumSet;
import java.util.Set;

/** Persisted progress of one node. */
public enum NodePhase {
    /** Row written, no cloud call made yet. */
    REQUESTED,
    /** The create call was (or is being) made; an idempotency token makes repeating it safe. */
    LAUNCHING,
    /** The VM runs; waiting for its Node to become Ready. */
    PROVISIONED,
    /** A Ready Node exists for the VM. */
    JOINED,
    /** Cordoned and being drained before its VM is terminated. */
    DECOMMISSIONING,
    DECOMMISSIONED,
    FAILED,
    /** Its VM disappeared without the service asking (terminated behind its back): replaced by a new node. */
    LOST;

    /** Phases that count towards a pool's size. */
    public static final Set<NodePhase> ACTIVE = EnumSet.of(REQUESTED, LAUNCHING, PROVISIONED, JOINED);

    /** Phases the saga still has work for. */
    public static final Set<NodePhase> IN_FLIGHT = EnumSet.of(REQUESTED, LAUNCHING, PROVISIONED, DECOMMISSIONING);
}

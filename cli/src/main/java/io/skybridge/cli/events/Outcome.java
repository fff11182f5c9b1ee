package io.skybridge.cli.events;

/** Where an intent's story stands after an event. */
public enum Outcome {
    PENDING,
    SUCCEEDED,
    FAILED
}

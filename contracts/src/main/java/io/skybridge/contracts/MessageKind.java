package io.skybridge.contracts;

/** Intents are imperative requests ({@code …Requested}); events are past-tense facts. */
public enum MessageKind {
    INTENT,
    EVENT
}

package io.skybridge.cli.intent;

import java.util.List;

/** The payload does not satisfy the intent's schema: nothing is sent. */
public class InvalidIntentException extends RuntimeException {
    private final List<String> violations;

    public InvalidIntentException(String intent, List<String> violations) {
        super(intent + " does not match its schema (" + violations.size() + " problem"
                + (violations.size() == 1 ? "" : "s") + "); nothing was sent");
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}

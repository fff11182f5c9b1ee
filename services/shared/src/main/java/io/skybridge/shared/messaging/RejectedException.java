package io.skybridge.shared.messaging;

import java.util.List;

/**
 * Thrown by a {@link MessageHandler} to refuse an intent on its merits. The handler's transaction
 * rolls back; the pipeline then records the rejection and publishes {@code IntentRejected}.
 */
public class RejectedException extends RuntimeException {
    private final RejectionReason reason;
    private final List<String> violations;

    public RejectedException(RejectionReason reason, String message, List<String> violations) {
        super(message);
        this.reason = reason;
        this.violations = List.copyOf(violations);
    }

    public RejectedException(String message, List<String> violations) {
        this(RejectionReason.POLICY_VIOLATION, message, violations);
    }

    public RejectionReason reason() {
        return reason;
    }

    public List<String> violations() {
        return violations;
    }
}

package io.skybridge.shared.messaging;

import io.skybridge.contracts.SkybridgeMessage;

import java.util.List;

/** The outcome of decoding an {@link InboundRecord}. */
public sealed interface Decoded {

    record Accepted(InboundMessage<? extends SkybridgeMessage> message) implements Decoded {
    }

    /** Detail and violations are capped ({@link Bounded}) whatever the caller passes. */
    record Rejected(RejectionReason reason, String detail, List<String> violations, String ceType)
            implements Decoded {
        public Rejected {
            detail = Bounded.text(detail);
            violations = Bounded.violations(violations);
            ceType = Bounded.text(ceType, 255);
        }
    }
}

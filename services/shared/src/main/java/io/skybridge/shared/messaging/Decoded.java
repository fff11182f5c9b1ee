package io.skybridge.shared.messaging;

import io.skybridge.contracts.SkybridgeMessage;

import java.util.List;

/** The outcome of decoding an {@link InboundRecord}. */
public sealed interface Decoded {

    record Accepted(InboundMessage<? extends SkybridgeMessage> message) implements Decoded {
    }

    record Rejected(RejectionReason reason, String detail, List<String> violations, String ceType)
            implements Decoded {
    }
}

package io.skybridge.networking.service;

import io.skybridge.contracts.EventMetadata;
import io.skybridge.networking.domain.NetworkLink;

/** Events the saga and the monitor publish continue the story of the intent that made the link. */
final class LinkEvents {
    private LinkEvents() {
    }

    static EventMetadata causeOf(NetworkLink link) {
        return new EventMetadata(link.intentId, "io.skybridge.networking.NetworkLinkRequested.v1", "skybridge://networking",
                link.id, null, link.correlationId != null ? link.correlationId : link.intentId, link.intentId,
                link.requestedBy, io.skybridge.shared.messaging.MessageTracing.currentOr(link.traceparent));
    }
}

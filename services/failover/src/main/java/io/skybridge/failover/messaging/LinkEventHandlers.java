package io.skybridge.failover.messaging;

import io.skybridge.contracts.networking.NetworkLinkEstablished;
import io.skybridge.contracts.networking.NetworkLinkIsolated;
import io.skybridge.contracts.networking.NetworkLinkRestored;
import io.skybridge.contracts.networking.NetworkLinkTornDown;
import io.skybridge.failover.domain.KnownLink;
import io.skybridge.failover.service.LinkRegistry;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Networking's link events, kept in {@link LinkRegistry}. */
public final class LinkEventHandlers {
    private LinkEventHandlers() {
    }

    @ApplicationScoped
    public static class Established implements MessageHandler<NetworkLinkEstablished> {
        @Inject
        LinkRegistry links;

        @Override
        public Class<NetworkLinkEstablished> messageType() {
            return NetworkLinkEstablished.class;
        }

        @Override
        public Uni<Void> handle(InboundMessage<NetworkLinkEstablished> m) {
            return links.record(m.payload().linkId(), KnownLink.ESTABLISHED, m.payload().establishedAt());
        }
    }

    @ApplicationScoped
    public static class Isolated implements MessageHandler<NetworkLinkIsolated> {
        @Inject
        LinkRegistry links;

        @Override
        public Class<NetworkLinkIsolated> messageType() {
            return NetworkLinkIsolated.class;
        }

        @Override
        public Uni<Void> handle(InboundMessage<NetworkLinkIsolated> m) {
            return links.record(m.payload().linkId(), KnownLink.ISOLATED, m.payload().isolatedAt());
        }
    }

    @ApplicationScoped
    public static class Restored implements MessageHandler<NetworkLinkRestored> {
        @Inject
        LinkRegistry links;

        @Override
        public Class<NetworkLinkRestored> messageType() {
            return NetworkLinkRestored.class;
        }

        @Override
        public Uni<Void> handle(InboundMessage<NetworkLinkRestored> m) {
            return links.record(m.payload().linkId(), KnownLink.ESTABLISHED, m.payload().restoredAt());
        }
    }

    @ApplicationScoped
    public static class TornDown implements MessageHandler<NetworkLinkTornDown> {
        @Inject
        LinkRegistry links;

        @Override
        public Class<NetworkLinkTornDown> messageType() {
            return NetworkLinkTornDown.class;
        }

        @Override
        public Uni<Void> handle(InboundMessage<NetworkLinkTornDown> m) {
            return links.forget(m.payload().linkId());
        }
    }
}

package io.skybridge.inventory.messaging;

import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.inventory.service.NodeRecordService;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

import java.util.List;

/**
 * What the handlers of provisioning's node events share: a poll batch's node records are loaded together
 * before the batch ({@link NodeRecordService#prefetch}, by the events' aggregate id, the node id) and written
 * together after it ({@link NodeRecordService#completeBatch}).
 */
abstract class NodeRecordHandler<T extends SkybridgeMessage> implements MessageHandler<T> {

    @Inject
    NodeRecordService service;

    @Override
    public boolean keepsBatchState() {
        return true; // the prefetched node records, written by completeBatch
    }

    @Override
    public Uni<Void> prefetch(List<InboundMessage<T>> messages) {
        return service.prefetch(messages.stream().map(m -> m.payload().aggregateId()).toList());
    }

    @Override
    public Uni<Void> completeBatch(List<InboundMessage<T>> messages) {
        return service.completeBatch();
    }
}

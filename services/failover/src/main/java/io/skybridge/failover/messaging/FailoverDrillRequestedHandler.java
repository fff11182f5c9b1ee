package io.skybridge.failover.messaging;

import io.skybridge.contracts.common.IntentAccepted;
import io.skybridge.contracts.failover.FailoverDrillRequested;
import io.skybridge.failover.planning.PlanPublisher;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.messaging.InboundMessage;
import io.skybridge.shared.messaging.MessageHandler;
import io.skybridge.shared.messaging.RejectedException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A readiness report an operator can ask for any time: the plan a failover from {@code from} would
 * follow, published as {@code FailoverPlanComputed{dryRun=true}} with nothing touched.
 */
@ApplicationScoped
public class FailoverDrillRequestedHandler implements MessageHandler<FailoverDrillRequested> {
    private static final Logger LOG = Logger.getLogger(FailoverDrillRequestedHandler.class);

    @Inject
    EventPublisher events;

    @Inject
    PlanPublisher plans;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "failover-drill"));

    @Override
    public Class<FailoverDrillRequested> messageType() {
        return FailoverDrillRequested.class;
    }

    @Override
    public Uni<Void> handle(InboundMessage<FailoverDrillRequested> message) {
        if (!message.payload().dryRun()) {
            return Uni.createFrom().failure(new RejectedException("only dry-run drills are supported",
                    List.of("dryRun must be true: a drill never touches the estate")));
        }
        return events.publish(new IntentAccepted(message.metadata().id(), message.type().ceType(),
                message.payload().drillId()), message.metadata()).replaceWithVoid();
    }

    @Override
    public void afterCommit(InboundMessage<FailoverDrillRequested> message) {
        FailoverDrillRequested drill = message.payload();
        worker.submit(() -> {
            try {
                plans.computeAndPublish(drill.drillId(), 0, drill.from(), true, message.metadata());
            } catch (RuntimeException e) {
                LOG.errorf(e, "drill %s: plan failed", drill.drillId());
            }
        });
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}

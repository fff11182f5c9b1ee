package io.skybridge.inventory.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.skybridge.contracts.inventory.CapacityChanged;
import io.skybridge.inventory.config.InventoryConfig;
import io.skybridge.inventory.domain.CloudHeadroom;
import io.skybridge.inventory.domain.NodeObservation;
import io.skybridge.shared.messaging.EventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;

/**
 * Recomputes a cloud's capacity after a change and publishes {@code CapacityChanged} when its
 * headroom moved by at least the configured step since the last announcement (or was never announced).
 * Call inside the transaction of the change.
 */
@ApplicationScoped
public class CapacityWatch {
    public static final List<String> CLOUDS = List.of("aws", "gcp");

    @Inject
    EventPublisher events;

    @Inject
    InventoryConfig config;

    public Uni<Void> recheck(java.util.Collection<String> clouds) {
        Uni<Void> chain = Panache.flush();
        for (String cloud : clouds) {
            chain = chain.chain(() -> recheck(cloud));
        }
        return chain;
    }

    private Uni<Void> recheck(String cloud) {
        return NodeObservation.<NodeObservation>list("cloud", cloud).chain(nodes -> {
            CapacityCalculator.Capacity c = CapacityCalculator.of(nodes);
            return CloudHeadroom.<CloudHeadroom>findById(cloud).chain(last -> {
                if (last == null && nodes.isEmpty()) {
                    return Uni.createFrom().voidItem();
                }
                if (last != null && !movedEnough(last, c)) {
                    return Uni.createFrom().voidItem();
                }
                CloudHeadroom row = last != null ? last : new CloudHeadroom();
                row.cloud = cloud;
                row.headroomCpu = c.headroom().cpuMillis();
                row.headroomMemory = c.headroom().memoryBytes();
                row.publishedAt = Instant.now();
                Uni<?> save = last != null ? Uni.createFrom().item(row) : row.persist();
                return save.chain(() -> events.publish(new CapacityChanged(cloud, c.allocatable(), c.requested(),
                        c.headroom(), c.nodes(), c.readyNodes(), row.publishedAt))).replaceWithVoid();
            });
        });
    }

    private boolean movedEnough(CloudHeadroom last, CapacityCalculator.Capacity c) {
        return Math.abs(c.headroom().cpuMillis() - last.headroomCpu) >= config.capacity().cpuStepMillis()
                || Math.abs(c.headroom().memoryBytes() - last.headroomMemory) >= config.capacity().memoryStepBytes();
    }
}

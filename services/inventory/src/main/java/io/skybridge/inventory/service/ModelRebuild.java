package io.skybridge.inventory.service;

import io.quarkus.vertx.VertxContextSupport;
import io.skybridge.contracts.Topics;
import io.skybridge.inventory.domain.CloudHeadroom;
import io.skybridge.inventory.domain.CloudOutage;
import io.skybridge.inventory.domain.NetworkLink;
import io.skybridge.inventory.domain.NodeObservation;
import io.skybridge.inventory.domain.NodeRecord;
import io.skybridge.inventory.domain.Workload;
import io.skybridge.inventory.kube.Projector;
import io.skybridge.inventory.repository.Tx;
import io.skybridge.shared.inbox.InboxMessage;
import io.skybridge.shared.messaging.InboundBatch;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Rebuilds the read model from scratch: empties it (and forgets the inbox rows of the event
 * consumers), replays the provisioning, networking and failover events topics from the beginning
 * through the same pipeline and handlers, and projects the cluster again from the informer caches.
 * Kept: registered accounts (this service's own intents) and the open drift findings (they come from
 * the clouds, not from a topic, and are re-validated by the next sync pass, which is held off while
 * the rebuild runs). Rebuilt rows are announced again ({@code NodeObserved} etc.): consumers treat
 * them as state, not as news.
 */
@ApplicationScoped
public class ModelRebuild {
    private static final Logger LOG = Logger.getLogger(ModelRebuild.class);
    static final Map<String, String> CHANNELS = Map.of(
            "provisioning-events", Topics.PROVISIONING_EVENTS,
            "networking-events", Topics.NETWORKING_EVENTS,
            "failover-events", Topics.FAILOVER_EVENTS);

    @Inject
    Tx tx;

    @Inject
    InboundBatch batch;

    @Inject
    Projector projector;

    @Inject
    DriftSync driftSync;

    @Inject
    PlacementSnapshot placement;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    public record Result(long rowsDeleted, long recordsReplayed, long millis) {
    }

    public synchronized Result rebuild() {
        return driftSync.withoutPasses(this::rebuildNow);
    }

    private Result rebuildNow() {
        long start = System.nanoTime();
        long deleted = tx.run(this::empty);
        long replayed = 0;
        for (Map.Entry<String, String> channel : CHANNELS.entrySet()) {
            replayed += replay(channel.getKey(), channel.getValue());
        }
        projector.projectAllNow();
        tx.run(placement::refresh); // GET /placement answers from the rebuilt model at once
        Result result = new Result(deleted, replayed, (System.nanoTime() - start) / 1_000_000);
        LOG.infof("model rebuilt: %s", result);
        return result;
    }

    private Uni<Long> empty() {
        List<Uni<Long>> deletes = List.of(NodeRecord.deleteAll(), NodeObservation.deleteAll(), Workload.deleteAll(),
                NetworkLink.deleteAll(), CloudOutage.deleteAll(), CloudHeadroom.deleteAll(),
                InboxMessage.delete("id.consumer in ?1", List.copyOf(CHANNELS.keySet())));
        Uni<Long> chain = Uni.createFrom().item(0L);
        for (Uni<Long> d : deletes) {
            chain = chain.chain(total -> d.map(n -> total + n));
        }
        return chain;
    }

    /** Every record of {@code topic} up to its end at the start of the replay, in partition order. */
    private long replay(String channel, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        long count = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                }
                if (!records.isEmpty()) {
                    await(channel, records); // a poll batch per transaction, as the live consumers do
                    count += records.size();
                }
            }
        }
        return count;
    }

    private void await(String channel, List<ConsumerRecord<String, byte[]>> records) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> batch.process(channel, records));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}

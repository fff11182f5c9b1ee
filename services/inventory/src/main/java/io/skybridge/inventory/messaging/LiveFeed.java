package io.skybridge.inventory.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.Topics;
import io.skybridge.inventory.config.ConsoleConfig;
import io.skybridge.inventory.domain.FeedEvent;
import io.skybridge.shared.messaging.MessageTracing;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The console's live feed: every Skybridge topic (intents, events, health observations, dead letters) read by a
 * plain consumer with no group, from {@code skybridge.console.feed.history} ago, kept in a bounded buffer and pushed
 * to every connected client. Each replica runs its own (it only reads, commits nothing and changes nothing, so two
 * replicas each serve their clients the same records; no Lease is needed).
 */
@ApplicationScoped
public class LiveFeed {
    private static final Logger LOG = Logger.getLogger(LiveFeed.class);
    private static final int MAX_TEXT_PAYLOAD = 4096;

    @Inject
    ConsoleConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private final Object lock = new Object();
    private final ArrayDeque<FeedEvent> buffer = new ArrayDeque<>();
    /** Health observations arrive every second from each observer: kept apart so that they never evict the story. */
    private final ArrayDeque<FeedEvent> observations = new ArrayDeque<>();
    private final List<MultiEmitter<? super FeedEvent>> clients = new CopyOnWriteArrayList<>();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private long seq;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    void start(@Observes StartupEvent ev) {
        if (!config.feed().enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "console-live-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        clients.forEach(MultiEmitter::complete);
    }

    /**
     * The buffered records after {@code afterSeq}, then every new one, until the client goes away. A client that
     * lags by more than twice the buffer gets an overflow failure (the stream ends) instead of growing the heap; the
     * browser's EventSource reconnects with {@code Last-Event-ID} and resumes from the buffer.
     */
    public Multi<FeedEvent> stream(long afterSeq) {
        return Multi.createFrom().emitter(emitter -> {
            synchronized (lock) {
                for (FeedEvent e : buffered()) {
                    if (e.seq() > afterSeq) {
                        emitter.emit(e);
                    }
                }
                clients.add(emitter);
            }
            emitter.onTermination(() -> clients.remove(emitter));
        }, 2 * config.feed().buffer()); // a client that falls this far behind is cut off; its EventSource resumes
    }

    /** The buffered records that match, oldest first, at most {@code limit} (the newest ones). */
    public List<FeedEvent> history(Predicate<FeedEvent> filter, int limit) {
        List<FeedEvent> matching = new ArrayList<>();
        synchronized (lock) {
            for (FeedEvent e : buffered()) {
                if (filter.test(e)) {
                    matching.add(e);
                }
            }
        }
        return matching.size() <= limit ? matching : matching.subList(matching.size() - limit, matching.size());
    }

    /** Both buffers in feed order (callers hold the lock). */
    private List<FeedEvent> buffered() {
        List<FeedEvent> all = new ArrayList<>(buffer.size() + observations.size());
        var a = buffer.iterator();
        var b = observations.iterator();
        FeedEvent x = a.hasNext() ? a.next() : null;
        FeedEvent y = b.hasNext() ? b.next() : null;
        while (x != null || y != null) {
            if (y == null || (x != null && x.seq() < y.seq())) {
                all.add(x);
                x = a.hasNext() ? a.next() : null;
            } else {
                all.add(y);
                y = b.hasNext() ? b.next() : null;
            }
        }
        return all;
    }

    /** Browsers connected to this replica's feed. */
    public int clients() {
        return clients.size();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProperties())) {
                consumer = c;
                long nextAssignmentCheck = 0;
                while (running) {
                    if (System.currentTimeMillis() >= nextAssignmentCheck) {
                        assignNewPartitions(c);
                        nextAssignmentCheck = System.currentTimeMillis() + 10_000;
                    }
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                        if (r.offset() < positions.getOrDefault(tp, 0L)) {
                            continue; // already in the feed (read again after a reconnect)
                        }
                        positions.put(tp, r.offset() + 1);
                        append(r);
                    }
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                LOG.warnf("console feed: %s; reconnecting in 2 s", e.toString());
                sleep(2000);
            } finally {
                consumer = null;
            }
        }
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        kafka.forEach((k, v) -> {
            if (v != null && !k.startsWith("mp.") && !k.contains("deserializer")) {
                p.put(k, v.toString());
            }
        });
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "skybridge-console-feed");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"); // reading never creates a topic
        return p;
    }

    /** Topics created after the start (a service's first event) are picked up within 10 s. */
    private void assignNewPartitions(KafkaConsumer<String, byte[]> c) {
        Set<TopicPartition> all = new HashSet<>(c.assignment());
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : Topics.all()) {
            var infos = c.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null) {
                continue;
            }
            infos.forEach(i -> {
                TopicPartition tp = new TopicPartition(topic, i.partition());
                if (all.add(tp)) {
                    added.add(tp);
                }
            });
        }
        if (added.isEmpty()) {
            return;
        }
        c.assign(all);
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = Instant.now().minus(config.feed().history()).toEpochMilli();
        for (TopicPartition tp : added) {
            if (positions.containsKey(tp)) {
                c.seek(tp, positions.get(tp));
            } else {
                since.put(tp, from);
            }
        }
        if (since.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(since, Duration.ofSeconds(10));
        List<TopicPartition> toEnd = new ArrayList<>();
        for (TopicPartition tp : since.keySet()) {
            OffsetAndTimestamp o = offsets.get(tp);
            if (o == null) {
                toEnd.add(tp); // nothing that recent
            } else {
                c.seek(tp, o.offset());
            }
        }
        c.seekToEnd(toEnd);
        toEnd.forEach(c::position); // resolve "end" now, before new records arrive
    }

    private void append(ConsumerRecord<String, byte[]> r) {
        String type = header(r, CloudEventHeaders.TYPE);
        String time = header(r, CloudEventHeaders.TIME);
        Instant at;
        try {
            at = time == null ? Instant.ofEpochMilli(r.timestamp()) : Instant.parse(time);
        } catch (RuntimeException e) {
            at = Instant.ofEpochMilli(r.timestamp());
        }
        synchronized (lock) {
            FeedEvent e = new FeedEvent(++seq, r.topic(), r.partition(), r.offset(), r.key(),
                    header(r, CloudEventHeaders.ID), type, type == null ? null : MessageTracing.shortType(type), header(r, CloudEventHeaders.SOURCE), at,
                    header(r, CloudEventHeaders.CORRELATION_ID), header(r, CloudEventHeaders.CAUSATION_ID),
                    header(r, CloudEventHeaders.PRINCIPAL), MessageTracing.traceId(header(r, CloudEventHeaders.TRACEPARENT)),
                    header(r, CloudEventHeaders.DLQ_REASON), payload(r.value()));
            boolean observation = Topics.HEALTH_OBSERVATIONS.equals(r.topic());
            ArrayDeque<FeedEvent> kept = observation ? observations : buffer;
            kept.addLast(e);
            int cap = observation ? Math.max(1, config.feed().buffer() / 10) : config.feed().buffer();
            while (kept.size() > cap) {
                kept.removeFirst();
            }
            for (MultiEmitter<? super FeedEvent> client : clients) {
                try {
                    client.emit(e);
                } catch (RuntimeException gone) {
                    clients.remove(client); // a browser that went away: the others go on
                }
            }
        }
    }

    private static JsonNode payload(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return ContractJson.mapper().readTree(value);
        } catch (Exception e) {
            String text = new String(value, StandardCharsets.UTF_8); // a poison record: shown as text, cut short
            return TextNode.valueOf(text.length() > MAX_TEXT_PAYLOAD ? text.substring(0, MAX_TEXT_PAYLOAD) + "…" : text);
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

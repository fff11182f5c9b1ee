package io.skybridge.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.skybridge.cli.SkybridgeCommand;
import io.skybridge.cli.intent.KafkaHeaders;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.Topics;
import io.skybridge.testing.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * publish → a real broker (in-process KRaft) → a minimal stand-in for the failover service that answers
 * every intent the way the real one does (IntentAccepted + OutageDeclared, correlated by the intent id)
 * → publish --wait and watch read the answers back.
 */
class PublishWatchRoundTripTest {
    static String bootstrap;
    static final List<ConsumerRecord<String, byte[]>> received = new CopyOnWriteArrayList<>();
    static final AtomicBoolean running = new AtomicBoolean(true);
    static Thread responder;

    @BeforeAll
    static void broker() {
        KafkaBroker broker = KafkaBroker.shared();
        broker.createTopics(Topics.all());
        bootstrap = broker.bootstrapServers();
        responder = new Thread(PublishWatchRoundTripTest::answerIntents, "fake-failover");
        responder.start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        running.set(false);
        responder.join(5000);
    }

    /** Answers every failover intent like the failover service: IntentAccepted, then OutageDeclared. */
    static void answerIntents() {
        Map<String, Object> cc = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "fake-failover", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Object> pc = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var consumer = new KafkaConsumer<>(cc, new StringDeserializer(), new ByteArrayDeserializer());
             var producer = new KafkaProducer<>(pc, new StringSerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(Topics.FAILOVER_INTENTS));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    received.add(r);
                    Map<String, String> h = KafkaHeaders.toMap(r.headers());
                    String intentId = h.get("ce_id");
                    String incident = "inc-" + intentId.substring(0, 8);
                    send(producer, "IntentAccepted", incident, intentId,
                            "{\"intentId\":\"" + intentId + "\",\"intentType\":\"" + h.get("ce_type") + "\",\"targetId\":\"aws\"}");
                    send(producer, "OutageDeclared", incident, intentId, "{\"incidentId\":\"" + incident
                            + "\",\"cloud\":\"aws\",\"epoch\":1,\"manual\":true,\"declaredBy\":\"" + h.get("ce_principal")
                            + "\",\"reason\":\"test\",\"declaredAt\":\"" + Instant.now() + "\"}");
                }
            }
        }
    }

    static void send(KafkaProducer<String, byte[]> producer, String name, String key, String correlation, String json) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", ("io.skybridge.failover." + name + ".v1").getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", "/skybridge/failover".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_correlationid", correlation.getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(Topics.FAILOVER_EVENTS, null, key, json.getBytes(StandardCharsets.UTF_8), headers));
        producer.flush();
    }

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new SkybridgeCommand()).execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void publishWaitsForTheTerminalEventAndWatchShowsTheStory() throws Exception {
        int before = received.size();
        Run publish = cli("publish", "OutageDeclarationRequested", "--set", "cloud=aws", "--set", "reason=round trip",
                "--principal", "user:tester", "--wait", "--timeout", "30", "--bootstrap-servers", bootstrap);
        assertEquals(0, publish.exit(), publish.out() + publish.err());
        String intentId = publish.out().lines().findFirst().orElseThrow();
        UUID.fromString(intentId);
        assertTrue(publish.out().contains("IntentAccepted"), publish.out());
        assertTrue(publish.out().contains("OutageDeclared"), publish.out());
        assertTrue(publish.out().contains("✓ OutageDeclared"), publish.out());

        // what the service received: exactly one record, keyed and headed as the contract says
        assertEquals(before + 1, received.size());
        ConsumerRecord<String, byte[]> r = received.get(received.size() - 1);
        Map<String, String> h = KafkaHeaders.toMap(r.headers());
        assertEquals("aws", r.key());
        assertEquals(intentId, h.get("ce_id"));
        assertEquals(intentId, h.get("ce_correlationid"));
        assertEquals("io.skybridge.failover.OutageDeclarationRequested.v1", h.get("ce_type"));
        assertEquals("user:tester", h.get("ce_principal"));
        assertEquals("aws", h.get("ce_subject"));
        assertEquals("application/json", h.get("content-type"));
        JsonNode value = ContractJson.mapper().readTree(r.value());
        assertEquals("round trip", value.get("reason").asText());

        Run watch = cli("watch", "--from-beginning", "--correlation", intentId, "--json", "--limit", "2", "--timeout", "20",
                "--bootstrap-servers", bootstrap);
        assertEquals(0, watch.exit(), watch.err());
        List<JsonNode> lines = watch.out().lines().map(PublishWatchRoundTripTest::json).toList();
        assertEquals(List.of("IntentAccepted", "OutageDeclared"), lines.stream().map(l -> l.get("type").asText()).toList());
        assertTrue(lines.stream().allMatch(l -> intentId.equals(l.get("headers").get("ce_correlationid").asText())));
        assertEquals("user:tester", lines.get(1).get("payload").get("declaredBy").asText());

        Run text = cli("watch", "--from-beginning", "--correlation", intentId, "--limit", "2", "--timeout", "20",
                "--bootstrap-servers", bootstrap);
        assertEquals(2, text.out().lines().count(), text.out());
        assertTrue(text.out().lines().allMatch(l -> l.contains("failover") && l.contains("corr=" + intentId.substring(0, 8))), text.out());
        assertTrue(!text.out().contains("\u001b["), "no colours when piped");
    }

    @Test
    void anInvalidIntentIsRefusedAndNothingIsSent() throws Exception {
        int before = received.size();
        Run bad = cli("publish", "OutageDeclarationRequested", "--set", "cloud=azure", "--bootstrap-servers", bootstrap);
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("nothing was sent"), bad.err());
        assertTrue(bad.err().contains("reason"), "names the missing field: " + bad.err());
        assertTrue(bad.out().isEmpty(), "no intent id printed: " + bad.out());

        Run unknown = cli("publish", "NoSuchIntent", "--bootstrap-servers", bootstrap);
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("NetworkLinkRequested"), unknown.err());

        // a valid intent sent afterwards is the only new record the service sees
        Run ok = cli("publish", "OutageClearanceRequested", "--set", "cloud=gcp", "--set", "reason=after",
                "--output", "json", "--bootstrap-servers", bootstrap);
        assertEquals(0, ok.exit(), ok.err());
        String id = json(ok.out().strip()).get("intentId").asText();
        awaitReceived(before + 1);
        assertEquals(before + 1, received.size());
        assertEquals(id, KafkaHeaders.toMap(received.get(received.size() - 1).headers()).get("ce_id"));
    }

    @Test
    void theKafkaClientSettingsOfTheOptionsReachTheClients(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        int before = received.size();
        // SASL without a JAAS login: the producer refuses to start, so the settings did reach it; nothing is sent
        Run sasl = cli("publish", "OutageClearanceRequested", "--set", "cloud=gcp", "--set", "reason=sasl",
                "--bootstrap-servers", bootstrap, "--kafka-property", "security.protocol=SASL_PLAINTEXT",
                "--kafka-property", "sasl.mechanism=PLAIN");
        assertEquals(1, sasl.exit(), sasl.out() + sasl.err());
        assertTrue(sasl.err().toLowerCase().contains("kafka"), sasl.err());

        Run malformed = cli("publish", "OutageClearanceRequested", "--set", "cloud=gcp", "--set", "reason=bad",
                "--bootstrap-servers", bootstrap, "--kafka-property", "security.protocol");
        assertEquals(2, malformed.exit(), malformed.err());
        assertTrue(malformed.err().contains("key=value"), malformed.err());

        // a client properties file (as for Kafka's own tools) that fits this broker: the intent goes out
        java.nio.file.Path config = dir.resolve("client.properties");
        java.nio.file.Files.writeString(config, "security.protocol=PLAINTEXT\nclient.id=cli-with-config\n");
        Run ok = cli("publish", "OutageClearanceRequested", "--set", "cloud=gcp", "--set", "reason=config file",
                "--output", "json", "--bootstrap-servers", bootstrap, "--kafka-config", config.toString());
        assertEquals(0, ok.exit(), ok.err());
        String id = json(ok.out().strip()).get("intentId").asText();
        awaitReceived(before + 1);
        assertEquals(before + 1, received.size(), "only the intent sent with the fitting settings arrived");
        assertEquals(id, KafkaHeaders.toMap(received.get(received.size() - 1).headers()).get("ce_id"));
    }

    /** Waits until the service side received {@code count} records, then a moment more (for any unexpected one). */
    private static void awaitReceived(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (received.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
    }

    static JsonNode json(String line) {
        try {
            return ContractJson.mapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}

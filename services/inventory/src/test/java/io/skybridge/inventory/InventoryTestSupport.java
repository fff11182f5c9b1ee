package io.skybridge.inventory;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.restassured.path.json.JsonPath;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageType;
import io.skybridge.contracts.Topics;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static io.skybridge.testing.TestBus.header;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clients of the emulated clouds and small polling helpers shared by the inventory tests. */
final class InventoryTestSupport {
    static final Duration WAIT = Duration.ofSeconds(30);

    private InventoryTestSupport() {
    }

    static KubernetesClient kube() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(SkybridgeWithClouds.emulator().kubeUrl()).build()).build();
    }

    static Ec2Client ec2(String region) {
        return Ec2Client.builder().region(Region.of(region)).endpointOverride(SkybridgeWithClouds.emulator().awsEndpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().build()).build();
    }

    /** Polls {@code condition} until true; fails with {@code what} after {@code timeout}. @return elapsed ms */
    static long await(String what, Duration timeout, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within " + timeout + ": " + what);
    }

    /** GET {@code path} as JSON (status 200 asserted). */
    static JsonPath get(String path, Object... params) {
        return given().get(path, params).then().statusCode(200).extract().jsonPath();
    }

    static Predicate<ConsumerRecord<String, byte[]>> inventoryEvent(String name, String key) {
        return r -> key.equals(r.key()) && ("io.skybridge.inventory." + name + ".v1").equals(header(r, CloudEventHeaders.TYPE));
    }

    static void assertSchemaValid(ConsumerRecord<String, byte[]> record) {
        MessageType type = MessageCatalog.byCeType(header(record, CloudEventHeaders.TYPE)).orElseThrow();
        assertTrue(io.skybridge.contracts.ContractValidator.validate(type, TestBus.json(record)).isEmpty(),
                "event matches its schema: " + new String(record.value()));
        assertTrue(Topics.INVENTORY_EVENTS.equals(record.topic()));
    }
}

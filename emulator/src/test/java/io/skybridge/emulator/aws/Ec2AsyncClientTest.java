package io.skybridge.emulator.aws;

import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.EmulatorConfig;
import io.skybridge.emulator.world.Cloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Ec2AsyncClientTest {
    static Emulator emu;
    static Ec2AsyncClient ec2;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorConfig.forTests());
        ec2 = Ec2AsyncClient.builder().endpointOverride(emu.awsEndpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
            .httpClient(NettyNioAsyncHttpClient.builder().build())
            .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(6).backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(100)))
                .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(100))).circuitBreakerEnabled(false).build()).build())
            .build();
    }

    @AfterAll
    static void stop() {
        ec2.close();
        emu.close();
    }

    @Test
    void shouldServeTheAsyncClientIncludingItsWaiter() throws Exception {
        emu.setBootDelay(Duration.ofMillis(200));
        RunInstancesResponse r = ec2.runInstances(b -> b.imageId("ami-0abcdef1234567890").instanceType("t3.small").minCount(3).maxCount(3))
            .get(10, TimeUnit.SECONDS);
        assertEquals(3, r.instances().size());
        String[] ids = r.instances().stream().map(i -> i.instanceId()).toArray(String[]::new);
        var waited = ec2.waiter().waitUntilInstanceRunning(b -> b.instanceIds(ids),
            w -> w.maxAttempts(40).backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(100)))).get(20, TimeUnit.SECONDS);
        waited.matched().response().orElseThrow().reservations().get(0).instances()
            .forEach(i -> assertEquals(InstanceStateName.RUNNING, i.state().name()));
    }

    @Test
    void shouldRideOutAShortOutageWithSdkRetries() throws Exception {
        emu.startOutage(Cloud.AWS);
        CompletableFuture<software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse> call = ec2.describeVpcs();
        long deadline = System.currentTimeMillis() + 5000;
        while (emu.events().stream().noneMatch(e -> e.type().equals("outage.rejected")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(false, call.isDone(), "the first attempt was rejected, the SDK is retrying");
        emu.clearOutage(Cloud.AWS);
        assertEquals(1, call.get(10, TimeUnit.SECONDS).vpcs().size());
    }
}

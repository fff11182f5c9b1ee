package io.skybridge.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ResourceExhaustedException;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.ZoneOperationsClient;
import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.EmulatorConfig;
import io.skybridge.emulator.GceClients;
import io.skybridge.emulator.TestClients;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.emulator.world.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static io.skybridge.emulator.GceClients.PROJECT;
import static io.skybridge.emulator.GceClients.ZONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Emulator emu;
    static Ec2Client ec2;
    static InstancesClient gce;
    static ZoneOperationsClient ops;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorConfig.forTests().seed(42L));
        ec2 = TestClients.ec2(emu);
        gce = GceClients.instances(emu);
        ops = GceClients.zoneOperations(emu);
    }

    @AfterAll
    static void stop() {
        ec2.close();
        gce.close();
        ops.close();
        emu.close();
    }

    @BeforeEach
    void reset() {
        TestClients.Reply r = control("POST", "/reset", null);
        assertEquals(200, r.status());
    }

    static TestClients.Reply control(String method, String path, String json) {
        return TestClients.http(method, emu.controlEndpoint() + path, json == null ? null : "application/json", json);
    }

    static RunInstancesRequest launch() {
        return RunInstancesRequest.builder().imageId("ami-0abcdef1234567890").instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1).build();
    }

    @Test
    void shouldAnswerUnavailableDuringAwsOutageAndRecoverWhenCleared() {
        assertEquals(201, control("POST", "/outages", "{\"cloud\":\"aws\",\"mode\":\"unavailable\"}").status());
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.describeInstances());
        assertEquals(503, e.statusCode());
        assertEquals("Unavailable", e.awsErrorDetails().errorCode());
        assertTrue(gce.list(PROJECT, ZONE).iterateAll().iterator().hasNext() || true, "GCP is unaffected");
        assertEquals(200, control("DELETE", "/outages/aws", null).status());
        assertEquals(0, ec2.describeInstances().reservations().size());
        List<String> types = emu.events().stream().map(Event::type).toList();
        assertTrue(types.containsAll(List.of("outage.started", "outage.rejected", "outage.cleared")), types.toString());
    }

    @Test
    void shouldLimitARegionalGcpOutageToThatRegion() throws Exception {
        gce.insertAsync(PROJECT, ZONE, GceClients.vm("before", Map.of())).get();
        assertEquals(201, control("POST", "/outages", "{\"cloud\":\"gcp\",\"region\":\"us-central1\"}").status());
        ApiException e = assertThrows(ApiException.class, () -> gce.get(PROJECT, ZONE, "before"));
        assertEquals(503, e.getStatusCode().getCode().getHttpStatusCode());
        assertEquals(0, count(gce.list(PROJECT, "europe-west1-b")));
        try (NetworksClient networks = GceClients.networks(emu)) {
            assertEquals("skybridge-vpc", networks.get(PROJECT, "skybridge-vpc").getName());
        }
        assertTrue(emu.isHeartbeating(Cloud.GCP, "europe-west1"));
        assertTrue(!emu.isHeartbeating(Cloud.GCP, "us-central1"));
        assertEquals(200, control("DELETE", "/outages/gcp?region=us-central1", null).status());
        assertEquals("RUNNING", gce.get(PROJECT, ZONE, "before").getStatus());
    }

    @Test
    void shouldLetTheGceClientRideOutAShortOutageWhilePollingAnOperation() throws Exception {
        emu.setBootDelay(Duration.ofMillis(600));
        var future = gce.insertAsync(PROJECT, ZONE, GceClients.vm("patient", Map.of()));
        long deadline = System.currentTimeMillis() + 5000;
        while (emu.events().stream().noneMatch(e -> e.type().equals("instance.inserted")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        emu.startOutage(Cloud.GCP, "us-central1", OutageMode.UNAVAILABLE);
        while (emu.events().stream().noneMatch(e -> e.type().equals("outage.rejected")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        emu.clearOutage(Cloud.GCP);
        Operation done = future.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(Operation.Status.DONE, done.getStatus());
        assertEquals("RUNNING", gce.get(PROJECT, ZONE, "patient").getStatus());
    }

    @Test
    void shouldHangInHangModeUntilTheClientTimesOut() {
        emu.startOutage(Cloud.AWS, "us-east-1", OutageMode.HANG);
        try (Ec2Client impatient = Ec2Client.builder().endpointOverride(emu.awsEndpoint())
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b"))
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofMillis(400))
                .retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()).build()).build()) {
            long t0 = System.nanoTime();
            assertThrows(software.amazon.awssdk.core.exception.ApiCallTimeoutException.class, impatient::describeInstances);
            assertTrue(System.nanoTime() - t0 >= 350_000_000L);
        }
    }

    @Test
    void shouldThrottleEc2CallsAndLetSdkRetriesThrough() {
        assertEquals(200, control("POST", "/faults", "{\"cloud\":\"aws\",\"throttleRate\":1.0}").status());
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.describeVpcs());
        assertEquals("RequestLimitExceeded", e.awsErrorDetails().errorCode());
        assertEquals(503, e.statusCode());
        emu.setFaults(Cloud.AWS, new Faults(0.5, 0, 0));
        try (Ec2Client patient = TestClients.ec2(emu, 12, null)) {
            for (int n = 0; n < 10; n++) {
                assertEquals(1, patient.describeVpcs().vpcs().size());
            }
        }
        long throttled = emu.events().stream().filter(ev -> ev.type().equals("fault.throttled")).count();
        assertTrue(throttled >= 2, "throttled " + throttled);
    }

    @Test
    void shouldThrottleGceCallsWith429RateLimitExceeded() {
        emu.setFaults(Cloud.GCP, new Faults(1.0, 0, 0));
        ResourceExhaustedException e = assertThrows(ResourceExhaustedException.class, () -> count(gce.list(PROJECT, ZONE)));
        assertEquals(429, e.getStatusCode().getCode().getHttpStatusCode());
        TestClients.Reply raw = TestClients.http("GET", emu.gcpComputeBaseUrl() + "projects/skybridge-demo/zones/us-central1-a/instances", null, null);
        assertEquals(429, raw.status());
        assertTrue(raw.body().contains("\"reason\":\"rateLimitExceeded\""), raw.body());
    }

    @Test
    void shouldFailRunInstancesWithInsufficientInstanceCapacity() {
        emu.setFaults(Cloud.AWS, new Faults(0, 1.0, 0));
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.runInstances(launch()));
        assertEquals("InsufficientInstanceCapacity", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("t3.micro"));
        emu.clearFaults(Cloud.AWS);
        assertEquals(0, ec2.describeInstances().reservations().size());
    }

    @Test
    void shouldFailGceInsertOperationWithZoneResourcePoolExhausted() throws Exception {
        emu.setFaults(Cloud.GCP, new Faults(0, 1.0, 0));
        Operation op = gce.insertCallable().call(com.google.cloud.compute.v1.InsertInstanceRequest.newBuilder().setProject(PROJECT).setZone(ZONE)
            .setInstanceResource(GceClients.vm("no-room", Map.of())).build());
        Operation done = ops.wait(PROJECT, ZONE, op.getName());
        assertEquals(Operation.Status.DONE, done.getStatus());
        assertTrue(done.hasError());
        assertEquals("ZONE_RESOURCE_POOL_EXHAUSTED", done.getError().getErrors(0).getCode());
        assertEquals(503, done.getHttpErrorStatusCode());
        ExecutionException viaLro = assertThrows(ExecutionException.class,
            () -> gce.insertAsync(PROJECT, ZONE, GceClients.vm("no-room-2", Map.of())).get());
        assertInstanceOf(ApiException.class, viaLro.getCause());
        emu.clearFaults(Cloud.GCP);
        assertEquals(0, count(gce.list(PROJECT, ZONE)));
    }

    @Test
    void shouldAddInjectedLatency() {
        emu.setFaults(Cloud.AWS, new Faults(0, 0, 300));
        long t0 = System.nanoTime();
        ec2.describeVpcs();
        assertTrue(System.nanoTime() - t0 >= 290_000_000L);
    }

    @Test
    void shouldCutOffOnlyThePartitionedClient() {
        assertEquals(201, control("POST", "/partitions", "{\"client\":\"observer-a\"}").status());
        try (Ec2Client a = TestClients.ec2(emu, 1, "observer-a"); Ec2Client b = TestClients.ec2(emu, 1, "observer-b");
             InstancesClient ga = GceClients.instances(emu, "observer-a")) {
            assertThrows(SdkClientException.class, a::describeVpcs);
            assertEquals(1, b.describeVpcs().vpcs().size());
            assertThrows(ApiException.class, () -> count(ga.list(PROJECT, ZONE)));
            assertEquals(200, control("DELETE", "/partitions/observer-a", null).status());
            assertEquals(1, a.describeVpcs().vpcs().size());
            assertEquals(0, count(ga.list(PROJECT, ZONE)));
        }
        assertTrue(emu.events().stream().anyMatch(ev -> ev.type().equals("client.dropped") && "observer-a".equals(ev.resource())));
    }

    @Test
    void shouldLeaveAPartitionedClientHangingInHangMode() {
        emu.partition("observer-h", PartitionMode.HANG);
        try (Ec2Client h = Ec2Client.builder().endpointOverride(emu.awsEndpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b"))
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofMillis(300))
                .putHeader("X-Skybridge-Client", "observer-h")
                .retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()).build()).build()) {
            assertThrows(software.amazon.awssdk.core.exception.ApiCallTimeoutException.class, h::describeVpcs);
            assertEquals(1, ec2.describeVpcs().vpcs().size());
        }
    }

    @Test
    void shouldLimitAnAwsRegionalOutageToThatRegion() {
        emu.startOutage(Cloud.AWS, "us-west-2", OutageMode.UNAVAILABLE);
        assertEquals(1, ec2.describeVpcs().vpcs().size());
        try (Ec2Client west = Ec2Client.builder().endpointOverride(emu.awsEndpoint()).region(software.amazon.awssdk.regions.Region.US_WEST_2)
            .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b"))
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()).build()).build()) {
            Ec2Exception e = assertThrows(Ec2Exception.class, west::describeVpcs);
            assertEquals("Unavailable", e.awsErrorDetails().errorCode());
        }
        assertTrue(emu.isHeartbeating(Cloud.AWS, "us-east-1"));
        assertTrue(!emu.isHeartbeating(Cloud.AWS, "us-west-2"));
    }

    @Test
    void shouldSetBootDelayAdvanceTheClockAndListEvents() throws Exception {
        assertEquals(200, control("PUT", "/boot-delay", "{\"seconds\":60}").status());
        String id = ec2.runInstances(launch()).instances().get(0).instanceId();
        assertEquals(InstanceStateName.PENDING, state(id));
        assertEquals(200, control("POST", "/clock/advance", "{\"millis\":61000}").status());
        assertEquals(InstanceStateName.RUNNING, state(id));
        JsonNode events = JSON.readTree(control("GET", "/events?type=instance", null).body()).get("events");
        assertEquals("instance.launched", events.get(0).get("type").asText());
        assertEquals("running", events.get(1).get("details").get("to").asText());
        assertEquals(id, events.get(1).get("resource").asText());
        long last = events.get(1).get("seq").asLong();
        JsonNode later = JSON.readTree(control("GET", "/events?since=" + last, null).body()).get("events");
        for (JsonNode ev : later) {
            assertTrue(ev.get("seq").asLong() > last);
        }
    }

    @Test
    void shouldResetTheWorldToItsSeed() {
        ec2.runInstances(launch());
        emu.startOutage(Cloud.GCP);
        assertEquals(200, control("POST", "/reset", null).status());
        assertEquals(0, ec2.describeInstances().reservations().size());
        assertEquals(0, count(gce.list(PROJECT, ZONE)));
        assertEquals("[]", control("GET", "/outages", null).body());
    }

    @Test
    void shouldRejectBadControlRequestsWithJsonErrors() throws Exception {
        TestClients.Reply bad = control("POST", "/outages", "{\"cloud\":\"azure\"}");
        assertEquals(400, bad.status());
        assertTrue(JSON.readTree(bad.body()).get("error").asText().contains("azure"));
        assertEquals(400, control("POST", "/faults", "{\"cloud\":\"aws\",\"throttleRate\":2}").status());
        assertEquals(400, control("POST", "/outages", "not json").status());
        assertEquals(404, control("GET", "/nope", null).status());
        JsonNode health = JSON.readTree(control("GET", "/health", null).body());
        assertEquals("ok", health.get("status").asText());
        assertEquals(emu.awsEndpoint().toString(), health.get("endpoints").get("aws").asText());
    }

    static InstanceStateName state(String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0).state().name();
    }

    static long count(InstancesClient.ListPagedResponse r) {
        long n = 0;
        for (var i : r.iterateAll()) {
            n++;
        }
        return n;
    }
}

package io.skybridge.emulator.aws;

import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.EmulatorConfig;
import io.skybridge.emulator.TestClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ec2InstancesTest {
    static Emulator emu;
    static Ec2Client ec2;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorConfig.forTests());
        ec2 = TestClients.ec2(emu);
    }

    @AfterAll
    static void stop() {
        ec2.close();
        emu.close();
    }

    @BeforeEach
    void reset() {
        emu.reset();
    }

    private static RunInstancesRequest.Builder launch(int count) {
        return RunInstancesRequest.builder().imageId("ami-0abcdef1234567890").instanceType(InstanceType.T3_MICRO)
            .minCount(count).maxCount(count);
    }

    @Test
    void shouldBecomeRunningAfterBootDelayAsSeenByTheSdkWaiter() {
        emu.setBootDelay(Duration.ofMillis(400));
        RunInstancesResponse r = ec2.runInstances(launch(1).build());
        Instance i = r.instances().get(0);
        assertEquals(InstanceStateName.PENDING, i.state().name());
        long t0 = System.nanoTime();
        try (Ec2Waiter waiter = Ec2Waiter.builder().client(ec2)
            .overrideConfiguration(WaiterOverrideConfiguration.builder().maxAttempts(50)
                .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(100))).build()).build()) {
            WaiterResponse<DescribeInstancesResponse> w = waiter.waitUntilInstanceRunning(b -> b.instanceIds(i.instanceId()));
            Instance running = w.matched().response().orElseThrow().reservations().get(0).instances().get(0);
            assertEquals(InstanceStateName.RUNNING, running.state().name());
            assertTrue(w.attemptsExecuted() > 1, "the first poll should still see pending");
        }
        assertTrue(System.nanoTime() - t0 >= 300_000_000L, "running before the boot delay elapsed");
    }

    @Test
    void shouldReturnSameInstancesForSameClientToken() {
        String token = UUID.randomUUID().toString();
        RunInstancesResponse a = ec2.runInstances(launch(2).clientToken(token).build());
        RunInstancesResponse b = ec2.runInstances(launch(2).clientToken(token).build());
        assertEquals(a.reservationId(), b.reservationId());
        assertEquals(ids(a.instances()), ids(b.instances()));
        assertEquals(2, allInstances().size());
        assertEquals(token, a.instances().get(0).clientToken());
    }

    @Test
    void shouldRejectReusedClientTokenWithDifferentParameters() {
        String token = UUID.randomUUID().toString();
        ec2.runInstances(launch(1).clientToken(token).build());
        Ec2Exception e = assertThrows(Ec2Exception.class,
            () -> ec2.runInstances(launch(1).instanceType(InstanceType.M5_LARGE).clientToken(token).build()));
        assertEquals("IdempotentParameterMismatch", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
    }

    @Test
    void shouldLaunchIntoRequestedSubnetWithTagsUserDataAndPublicIp() {
        String userData = Base64.getEncoder().encodeToString("#!/bin/sh\necho hello".getBytes(StandardCharsets.UTF_8));
        RunInstancesResponse r = ec2.runInstances(launch(1).subnetId("subnet-0a1b2c3d4e5f60002").userData(userData)
            .instanceType(InstanceType.M5_LARGE)
            .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                .tags(Tag.builder().key("Name").value("node-1").build(), Tag.builder().key("skybridge/role").value("worker").build()).build())
            .build());
        Instance i = r.instances().get(0);
        assertEquals("subnet-0a1b2c3d4e5f60002", i.subnetId());
        assertEquals("vpc-0a1b2c3d4e5f60001", i.vpcId());
        assertEquals("us-east-1b", i.placement().availabilityZone());
        assertEquals(InstanceType.M5_LARGE, i.instanceType());
        assertTrue(i.privateIpAddress().startsWith("10.200.16."), i.privateIpAddress());
        assertNotNull(i.publicIpAddress(), "public IP must be parsed from <ipAddress>");
        assertEquals("worker", i.tags().stream().filter(t -> t.key().equals("skybridge/role")).findFirst().orElseThrow().value());
        assertEquals(userData, ec2.describeInstanceAttribute(b -> b.instanceId(i.instanceId()).attribute("userData")).userData().value());
        assertEquals(1, i.cpuOptions().coreCount());
        assertEquals(2, i.cpuOptions().threadsPerCore());
    }

    @Test
    void shouldFilterByTagAndInstanceState() {
        ec2.runInstances(launch(2).tagSpecifications(tag("team", "blue")).build());
        RunInstancesResponse red = ec2.runInstances(launch(1).tagSpecifications(tag("team", "red")).build());
        ec2.terminateInstances(b -> b.instanceIds(red.instances().get(0).instanceId()));
        assertEquals(2, describe(Filter.builder().name("tag:team").values("blue").build()).size());
        assertEquals(1, describe(Filter.builder().name("tag:team").values("red", "green").build()).size());
        assertEquals(0, describe(Filter.builder().name("tag:team").values("red").build(),
            Filter.builder().name("instance-state-name").values("pending", "running").build()).size());
        assertEquals(2, describe(Filter.builder().name("instance-state-name").values("running").build()).size());
        assertEquals(3, describe(Filter.builder().name("tag:team").values("*").build()).size());
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> describe(Filter.builder().name("no-such-filter").values("x").build()));
        assertEquals("InvalidParameterValue", e.awsErrorDetails().errorCode());
    }

    @Test
    void shouldPaginateDescribeInstancesWithMaxResultsAndNextToken() {
        for (int n = 0; n < 3; n++) {
            ec2.runInstances(launch(4).build());
        }
        Set<String> seen = new HashSet<>();
        int pages = 0;
        String token = null;
        do {
            String t = token;
            DescribeInstancesResponse page = ec2.describeInstances(b -> b.maxResults(5).nextToken(t));
            List<Instance> in = page.reservations().stream().flatMap(r -> r.instances().stream()).toList();
            assertTrue(in.size() <= 5);
            in.forEach(i -> assertTrue(seen.add(i.instanceId()), "duplicate across pages: " + i.instanceId()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(12, seen.size());
        assertEquals(3, pages);
        assertEquals(12, ec2.describeInstancesPaginator(b -> b.maxResults(5)).reservations().stream().mapToLong(r -> r.instances().size()).sum());
    }

    @Test
    void shouldTerminateThroughShuttingDownToTerminated() {
        emu.setShutdownDelay(Duration.ofSeconds(30));
        String id = ec2.runInstances(launch(1).build()).instances().get(0).instanceId();
        TerminateInstancesResponse t = ec2.terminateInstances(b -> b.instanceIds(id));
        assertEquals(InstanceStateName.RUNNING, t.terminatingInstances().get(0).previousState().name());
        assertEquals(InstanceStateName.SHUTTING_DOWN, t.terminatingInstances().get(0).currentState().name());
        assertEquals(InstanceStateName.SHUTTING_DOWN, only(id).state().name());
        emu.advanceClock(Duration.ofSeconds(31));
        Instance gone = only(id);
        assertEquals(InstanceStateName.TERMINATED, gone.state().name());
        assertNull(gone.publicIpAddress());
        assertEquals("Client.UserInitiatedShutdown", gone.stateReason().code());
    }

    @Test
    void shouldStopAndStartAnInstanceWithANewPublicIp() {
        String id = ec2.runInstances(launch(1).build()).instances().get(0).instanceId();
        String firstIp = only(id).publicIpAddress();
        assertEquals(InstanceStateName.STOPPING, ec2.stopInstances(b -> b.instanceIds(id)).stoppingInstances().get(0).currentState().name());
        Instance stopped = only(id);
        assertEquals(InstanceStateName.STOPPED, stopped.state().name());
        assertNull(stopped.publicIpAddress());
        assertNotNull(stopped.privateIpAddress());
        Ec2Exception wrongState = assertThrows(Ec2Exception.class, () -> ec2.stopInstances(b -> b.instanceIds("i-0123456789abcdef0")));
        assertEquals("InvalidInstanceID.NotFound", wrongState.awsErrorDetails().errorCode());
        ec2.startInstances(b -> b.instanceIds(id));
        Instance again = only(id);
        assertEquals(InstanceStateName.RUNNING, again.state().name());
        assertNotNull(again.publicIpAddress());
        assertNotEquals(firstIp, again.publicIpAddress());
        ec2.terminateInstances(b -> b.instanceIds(id));
        Ec2Exception dead = assertThrows(Ec2Exception.class, () -> ec2.startInstances(b -> b.instanceIds(id)));
        assertEquals("IncorrectInstanceState", dead.awsErrorDetails().errorCode());
    }

    @Test
    void shouldAddTagsWithCreateTags() {
        String id = ec2.runInstances(launch(1).build()).instances().get(0).instanceId();
        ec2.createTags(b -> b.resources(id).tags(Tag.builder().key("env").value("demo").build()));
        assertEquals("demo", only(id).tags().get(0).value());
        Ec2Exception e = assertThrows(Ec2Exception.class,
            () -> ec2.createTags(b -> b.resources("i-0000000000000dead").tags(Tag.builder().key("a").value("b").build())));
        assertEquals("InvalidInstanceID.NotFound", e.awsErrorDetails().errorCode());
    }

    @Test
    void shouldAnswerNotFoundAndMalformedForBadInstanceIds() {
        Ec2Exception nf = assertThrows(Ec2Exception.class, () -> ec2.describeInstances(b -> b.instanceIds("i-0123456789abcdef0")));
        assertEquals("InvalidInstanceID.NotFound", nf.awsErrorDetails().errorCode());
        assertEquals(400, nf.statusCode());
        assertTrue(nf.awsErrorDetails().errorMessage().contains("i-0123456789abcdef0"));
        Ec2Exception bad = assertThrows(Ec2Exception.class, () -> ec2.terminateInstances(b -> b.instanceIds("vm-1")));
        assertEquals("InvalidInstanceID.Malformed", bad.awsErrorDetails().errorCode());
        assertNotNull(nf.requestId());
    }

    @Test
    void shouldRejectUnknownInstanceTypeAndSubnet() {
        Ec2Exception t = assertThrows(Ec2Exception.class, () -> ec2.runInstances(launch(1).instanceType("x9.huge").build()));
        assertEquals("InvalidParameterValue", t.awsErrorDetails().errorCode());
        Ec2Exception s = assertThrows(Ec2Exception.class, () -> ec2.runInstances(launch(1).subnetId("subnet-0000000000000beef").build()));
        assertEquals("InvalidSubnetID.NotFound", s.awsErrorDetails().errorCode());
        assertEquals(0, allInstances().size());
    }

    @Test
    void shouldDescribeSeededVpcSubnetsAndInstanceTypes() {
        var vpcs = ec2.describeVpcs().vpcs();
        assertEquals(1, vpcs.size());
        assertEquals("10.200.0.0/16", vpcs.get(0).cidrBlock());
        assertTrue(vpcs.get(0).isDefault());
        var subnets = ec2.describeSubnets(b -> b.filters(Filter.builder().name("vpc-id").values(vpcs.get(0).vpcId()).build())).subnets();
        assertEquals(Set.of("us-east-1a", "us-east-1b", "us-east-1c"), subnets.stream().map(s -> s.availabilityZone()).collect(Collectors.toSet()));
        assertTrue(subnets.stream().allMatch(s -> s.cidrBlock().startsWith("10.200.")));
        var m5 = ec2.describeInstanceTypes(b -> b.instanceTypes(InstanceType.M5_XLARGE)).instanceTypes().get(0);
        assertEquals(4, m5.vCpuInfo().defaultVCpus());
        assertEquals(16384L, m5.memoryInfo().sizeInMiB());
    }

    @Test
    void shouldNotSeeInstancesOfAnotherRegion() {
        ec2.runInstances(launch(1).build());
        try (Ec2Client west = Ec2Client.builder().endpointOverride(emu.awsEndpoint())
            .region(software.amazon.awssdk.regions.Region.US_WEST_2)
            .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b")))
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            assertEquals(0, west.describeInstances().reservations().size());
            assertEquals(1, allInstances().size());
        }
    }

    private static TagSpecification tag(String k, String v) {
        return TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(Tag.builder().key(k).value(v).build()).build();
    }

    private static List<Instance> describe(Filter... filters) {
        return ec2.describeInstances(b -> b.filters(filters)).reservations().stream().flatMap(r -> r.instances().stream()).toList();
    }

    private static List<Instance> allInstances() {
        return describe();
    }

    private static Instance only(String id) {
        List<Instance> l = ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances();
        assertEquals(1, l.size());
        return l.get(0);
    }

    private static List<String> ids(List<Instance> l) {
        List<String> ids = l.stream().map(Instance::instanceId).toList();
        assertNotEquals(0, ids.size());
        return ids;
    }

    @Test
    void shouldRecordAndReportTheMetadataOptionsOfALaunch() {
        Instance launched = ec2.runInstances(launch(1).metadataOptions(m -> m
            .httpTokens(software.amazon.awssdk.services.ec2.model.HttpTokensState.REQUIRED).httpPutResponseHopLimit(1))
            .build()).instances().get(0);
        Instance seen = ec2.describeInstances(b -> b.instanceIds(launched.instanceId())).reservations().get(0).instances().get(0);
        assertEquals(software.amazon.awssdk.services.ec2.model.HttpTokensState.REQUIRED, seen.metadataOptions().httpTokens());
        assertEquals(1, seen.metadataOptions().httpPutResponseHopLimit());
        Instance plain = ec2.runInstances(launch(1).build()).instances().get(0);
        assertEquals(software.amazon.awssdk.services.ec2.model.HttpTokensState.OPTIONAL, plain.metadataOptions().httpTokens(),
            "IMDSv1 stays allowed unless the launch asks otherwise, as on EC2");
        Ec2Exception hops = assertThrows(Ec2Exception.class, () -> ec2.runInstances(launch(1)
            .metadataOptions(m -> m.httpPutResponseHopLimit(65)).build()));
        assertEquals("InvalidParameterValue", hops.awsErrorDetails().errorCode());
    }

    @Test
    void shouldRefuseUserDataOverSixteenKilobytes() {
        String big = Base64.getEncoder().encodeToString(new byte[16385]);
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.runInstances(launch(1).userData(big).build()));
        assertEquals("InvalidParameterValue", e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
        assertTrue(e.awsErrorDetails().errorMessage().contains("16384"), e.awsErrorDetails().errorMessage());
        ec2.runInstances(launch(1).userData(Base64.getEncoder().encodeToString(new byte[16384])).build());
    }
}

package io.skybridge.emulator.gcp;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.compute.v1.AccessConfig;
import com.google.cloud.compute.v1.AggregatedListInstancesRequest;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesScopedList;
import com.google.cloud.compute.v1.InsertInstanceRequest;
import com.google.cloud.compute.v1.ListInstancesRequest;
import com.google.cloud.compute.v1.NetworkInterface;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.ZoneOperationsClient;
import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.EmulatorConfig;
import io.skybridge.emulator.GceClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static io.skybridge.emulator.GceClients.PROJECT;
import static io.skybridge.emulator.GceClients.ZONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GceInstancesTest {
    static Emulator emu;
    static InstancesClient instances;
    static ZoneOperationsClient operations;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorConfig.forTests());
        instances = GceClients.instances(emu);
        operations = GceClients.zoneOperations(emu);
    }

    @AfterAll
    static void stop() {
        instances.close();
        operations.close();
        emu.close();
    }

    @BeforeEach
    void reset() {
        emu.reset();
    }

    static Instance vm(String name, Map<String, String> labels) {
        return GceClients.vm(name, labels);
    }

    static InsertInstanceRequest insert(String name, Map<String, String> labels, String requestId) {
        InsertInstanceRequest.Builder b = InsertInstanceRequest.newBuilder().setProject(PROJECT).setZone(ZONE).setInstanceResource(vm(name, labels));
        if (requestId != null) {
            b.setRequestId(requestId);
        }
        return b.build();
    }

    @Test
    void shouldCompleteInsertOperationThroughLroPollingAndServeAFullInstance() throws Exception {
        emu.setBootDelay(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        Operation op = instances.insertAsync(insert("web-1", Map.of("env", "prod"), null)).get();
        assertTrue(System.nanoTime() - t0 >= 250_000_000L, "operation DONE before the boot delay");
        assertEquals(Operation.Status.DONE, op.getStatus());
        assertFalse(op.hasError());
        assertEquals("insert", op.getOperationType());
        Instance i = instances.get(PROJECT, ZONE, "web-1");
        assertEquals("RUNNING", i.getStatus());
        assertEquals("compute#instance", i.getKind());
        assertTrue(i.getId() > 0);
        assertEquals(emu.gcpComputeBaseUrl() + "projects/skybridge-demo/zones/us-central1-a/instances/web-1", i.getSelfLink());
        assertTrue(i.getZone().endsWith("/projects/skybridge-demo/zones/us-central1-a"));
        assertTrue(i.getMachineType().endsWith("/zones/us-central1-a/machineTypes/e2-standard-2"));
        assertFalse(i.getCreationTimestamp().isEmpty());
        NetworkInterface nic = i.getNetworkInterfaces(0);
        assertTrue(nic.getNetwork().endsWith("/global/networks/skybridge-vpc"));
        assertTrue(nic.getNetworkIP().startsWith("10.201."), nic.getNetworkIP());
        assertFalse(nic.getAccessConfigs(0).getNatIP().isEmpty());
        assertEquals("prod", i.getLabelsMap().get("env"));
        assertEquals(op.getTargetId(), i.getId());
    }

    @Test
    void shouldGoFromProvisioningThroughStagingToRunningWithTheBootDelay() {
        emu.setBootDelay(Duration.ofSeconds(10));
        Operation op = instances.insertCallable().call(insert("slow-1", Map.of(), null));
        assertEquals(Operation.Status.RUNNING, op.getStatus());
        assertEquals("PROVISIONING", instances.get(PROJECT, ZONE, "slow-1").getStatus());
        emu.advanceClock(Duration.ofSeconds(6));
        assertEquals("STAGING", instances.get(PROJECT, ZONE, "slow-1").getStatus());
        assertEquals(Operation.Status.RUNNING, operations.get(PROJECT, ZONE, op.getName()).getStatus());
        emu.advanceClock(Duration.ofSeconds(5));
        assertEquals("RUNNING", instances.get(PROJECT, ZONE, "slow-1").getStatus());
        Operation done = operations.get(PROJECT, ZONE, op.getName());
        assertEquals(Operation.Status.DONE, done.getStatus());
        assertEquals(Operation.Status.DONE, operations.wait(PROJECT, ZONE, op.getName()).getStatus());
    }

    @Test
    void shouldReturnSameOperationForSameRequestId() throws Exception {
        String rid = UUID.randomUUID().toString();
        Operation a = instances.insertAsync(insert("idem-1", Map.of(), rid)).get();
        Operation b = instances.insertAsync(insert("idem-1", Map.of(), rid)).get();
        assertEquals(a.getName(), b.getName());
        assertEquals(a.getTargetId(), b.getTargetId());
        assertEquals(1, names(instances.list(PROJECT, ZONE)).size());
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> instances.insertAsync(insert("idem-1", Map.of(), UUID.randomUUID().toString())).get());
        assertInstanceOf(ApiException.class, e.getCause());
        assertEquals(409, ((ApiException) e.getCause()).getStatusCode().getCode().getHttpStatusCode());
    }

    @Test
    void shouldFilterListByLabelAndPaginateWithPageToken() throws Exception {
        for (int n = 0; n < 5; n++) {
            instances.insertAsync(insert("vm-" + n, Map.of("env", n < 3 ? "prod" : "dev"), null)).get();
        }
        List<String> prod = names(instances.list(ListInstancesRequest.newBuilder().setProject(PROJECT).setZone(ZONE).setFilter("labels.env=prod").build()));
        assertEquals(List.of("vm-0", "vm-1", "vm-2"), prod);
        List<String> regex = names(instances.list(ListInstancesRequest.newBuilder().setProject(PROJECT).setZone(ZONE)
            .setFilter("(labels.env eq \".*\\bdev\\b.*\") (status eq RUNNING)").build()));
        assertEquals(List.of("vm-3", "vm-4"), regex);
        InstancesClient.ListPagedResponse paged = instances.list(ListInstancesRequest.newBuilder().setProject(PROJECT).setZone(ZONE).setMaxResults(2).build());
        int pages = 0;
        Set<String> seen = new HashSet<>();
        for (InstancesClient.ListPage page : paged.iteratePages()) {
            pages++;
            for (Instance i : page.getValues()) {
                assertTrue(seen.add(i.getName()));
            }
        }
        assertEquals(3, pages);
        assertEquals(5, seen.size());
        assertThrows(InvalidArgumentException.class, () -> names(instances.list(ListInstancesRequest.newBuilder()
            .setProject(PROJECT).setZone(ZONE).setFilter("labels.env = = prod").build())));
    }

    @Test
    void shouldAggregateInstancesAcrossZones() throws Exception {
        instances.insertAsync(insert("a-1", Map.of(), null)).get();
        Instance other = vm("b-1", Map.of()).toBuilder().setMachineType("zones/us-central1-b/machineTypes/e2-medium").build();
        instances.insertAsync(PROJECT, "us-central1-b", other).get();
        Map<String, Integer> byZone = new java.util.TreeMap<>();
        for (Map.Entry<String, InstancesScopedList> e : instances.aggregatedList(AggregatedListInstancesRequest.newBuilder().setProject(PROJECT).build()).iterateAll()) {
            if (e.getValue().getInstancesCount() > 0) {
                byZone.put(e.getKey(), e.getValue().getInstancesCount());
            }
        }
        assertEquals(Map.of("zones/us-central1-a", 1, "zones/us-central1-b", 1), byZone);
    }

    @Test
    void shouldDeleteThroughStoppingAndThenAnswerNotFound() throws Exception {
        instances.insertAsync(insert("doomed", Map.of(), null)).get();
        emu.setShutdownDelay(Duration.ofSeconds(30));
        Operation del = instances.deleteCallable().call(com.google.cloud.compute.v1.DeleteInstanceRequest.newBuilder()
            .setProject(PROJECT).setZone(ZONE).setInstance("doomed").build());
        assertEquals("STOPPING", instances.get(PROJECT, ZONE, "doomed").getStatus());
        emu.advanceClock(Duration.ofSeconds(31));
        assertEquals(Operation.Status.DONE, operations.get(PROJECT, ZONE, del.getName()).getStatus());
        assertThrows(NotFoundException.class, () -> instances.get(PROJECT, ZONE, "doomed"));
    }

    @Test
    void shouldStopAndStartAnInstance() throws Exception {
        instances.insertAsync(insert("pausable", Map.of(), null)).get();
        instances.stopAsync(PROJECT, ZONE, "pausable").get();
        assertEquals("TERMINATED", instances.get(PROJECT, ZONE, "pausable").getStatus());
        instances.startAsync(PROJECT, ZONE, "pausable").get();
        assertEquals("RUNNING", instances.get(PROJECT, ZONE, "pausable").getStatus());
    }

    @Test
    void shouldRejectBadInstancesInTheProvidersErrorFormat() {
        assertThrows(NotFoundException.class, () -> instances.get(PROJECT, ZONE, "nope"));
        assertThrows(NotFoundException.class, () -> instances.get(PROJECT, "mars-central1-a", "nope"));
        assertThrows(NotFoundException.class, () -> instances.get("other-project", ZONE, "nope"));
        ExecutionException bad = assertThrows(ExecutionException.class, () -> instances.insertAsync(PROJECT, ZONE,
            vm("Bad_Name", Map.of())).get());
        assertInstanceOf(InvalidArgumentException.class, bad.getCause());
        ExecutionException mt = assertThrows(ExecutionException.class, () -> instances.insertAsync(PROJECT, ZONE,
            vm("ok-name", Map.of()).toBuilder().setMachineType("zones/us-central1-a/machineTypes/z9-huge").build()).get());
        assertInstanceOf(InvalidArgumentException.class, mt.getCause());
        assertTrue(chain(mt).contains("Machine type with name 'z9-huge' does not exist"), chain(mt));
        assertEquals(0, names(instances.list(PROJECT, ZONE)).size());
    }

    @Test
    void shouldAllocateDistinctAddresses() throws Exception {
        Set<String> ips = new HashSet<>();
        for (int n = 0; n < 4; n++) {
            instances.insertAsync(insert("ip-" + n, Map.of(), null)).get();
            Instance i = instances.get(PROJECT, ZONE, "ip-" + n);
            assertTrue(ips.add(i.getNetworkInterfaces(0).getNetworkIP()));
            assertTrue(ips.add(i.getNetworkInterfaces(0).getAccessConfigs(0).getNatIP()));
        }
        assertNotEquals(0, ips.size());
    }

    /** All messages of an exception chain (gax keeps the server's JSON error in the cause). */
    static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    static List<String> names(InstancesClient.ListPagedResponse r) {
        List<String> out = new ArrayList<>();
        r.iterateAll().forEach(i -> out.add(i.getName()));
        return out;
    }
}

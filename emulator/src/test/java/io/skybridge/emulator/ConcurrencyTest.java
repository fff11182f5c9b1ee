package io.skybridge.emulator;

import com.google.cloud.compute.v1.InsertInstanceRequest;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConcurrencyTest {
    static Emulator emu;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorConfig.forTests());
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void shouldNeitherLoseNorDuplicateInstancesUnderParallelRunInstances() throws Exception {
        int threads = 16;
        int perThread = 25;
        List<String> tokens = new ArrayList<>();
        for (int n = 0; n < threads * perThread; n++) {
            tokens.add(UUID.randomUUID().toString());
        }
        Map<String, Set<String>> reservationsByToken = new ConcurrentHashMap<>();
        Map<String, String> instanceToToken = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try (Ec2Client ec2 = TestClients.ec2(emu)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int n = 0; n < perThread; n++) {
                        // every token is sent twice, by two different threads: the second call must be a replay
                        for (String token : List.of(tokens.get(thread * perThread + n), tokens.get(((thread + 1) % threads) * perThread + n))) {
                            RunInstancesResponse r = ec2.runInstances(b -> b.imageId("ami-0abcdef1234567890").instanceType("t3.micro")
                                .minCount(2).maxCount(2).clientToken(token));
                            reservationsByToken.computeIfAbsent(token, k -> ConcurrentHashMap.newKeySet()).add(r.reservationId());
                            for (Instance i : r.instances()) {
                                String prior = instanceToToken.putIfAbsent(i.instanceId(), token);
                                assertTrue(prior == null || prior.equals(token), "instance shared by two tokens");
                            }
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (Map.Entry<String, Set<String>> e : reservationsByToken.entrySet()) {
                assertEquals(1, e.getValue().size(), "token " + e.getKey() + " got several reservations");
            }
            assertEquals(threads * perThread, reservationsByToken.size());
            List<String> described = new ArrayList<>();
            ec2.describeInstancesPaginator(b -> b.maxResults(1000)).reservations()
                .forEach(r -> r.instances().forEach(i -> described.add(i.instanceId())));
            assertEquals(threads * perThread * 2, described.size());
            assertEquals(described.size(), new HashSet<>(described).size(), "duplicate instance ids");
            assertEquals(instanceToToken.keySet(), new HashSet<>(described));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldCreateOneVmPerRequestIdUnderParallelInserts() throws Exception {
        int threads = 8;
        int perThread = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Map<String, Set<String>> opsByName = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        Map<Integer, String> requestIds = new HashMap<>();
        for (int n = 0; n < threads * perThread; n++) {
            requestIds.put(n, UUID.randomUUID().toString());
        }
        try (InstancesClient gce = GceClients.instances(emu)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int n = 0; n < perThread; n++) {
                        for (int k : List.of(thread * perThread + n, ((thread + 1) % threads) * perThread + n)) {
                            Operation op = gce.insertAsync(InsertInstanceRequest.newBuilder().setProject(GceClients.PROJECT).setZone("us-central1-c")
                                .setRequestId(requestIds.get(k)).setInstanceResource(GceClients.vm("par-" + k, Map.of()).toBuilder()
                                    .setMachineType("zones/us-central1-c/machineTypes/e2-small").build()).build()).get();
                            assertTrue(!op.hasError(), op.toString());
                            opsByName.computeIfAbsent("par-" + k, x -> ConcurrentHashMap.newKeySet()).add(op.getName());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(threads * perThread, opsByName.size());
            opsByName.forEach((k, v) -> assertEquals(1, v.size(), k + " has several operations"));
            Set<String> names = new HashSet<>();
            gce.list(GceClients.PROJECT, "us-central1-c").iterateAll().forEach(i -> assertTrue(names.add(i.getName())));
            assertEquals(threads * perThread, names.size());
        } finally {
            pool.shutdownNow();
        }
    }
}

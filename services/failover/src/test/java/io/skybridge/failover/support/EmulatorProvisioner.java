package io.skybridge.failover.support;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.NetworkInterface;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.Topics;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import io.skybridge.emulator.Emulator;
import io.skybridge.testing.TestBus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tests' stand-in for the provisioning service (a separate deployable the failover tests do not run): it
 * boots the estate's VMs in the emulator through the real EC2 and Compute Engine APIs with a cluster join line
 * (the emulator's kubelets then join them as Nodes), and it answers the {@code NodePoolScaleRequested} intents
 * failover publishes on {@code skybridge.provisioning.intents} by creating or deleting Compute Engine VMs of
 * that pool — deduplicating by intent id like provisioning's inbox. Every intent it saw is kept for assertions.
 */
public final class EmulatorProvisioner implements AutoCloseable {
    public static final String PROJECT = "skybridge-demo";

    public record Seen(String intentId, String correlationId, NodePoolScaleRequested intent) {
    }

    private final Emulator emulator;
    private final Ec2Client ec2;
    private final InstancesClient gce;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread loop;
    private final Set<String> processed = new HashSet<>();
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<String[]>> gcpPools = new ConcurrentHashMap<>(); // pool → [zone, name]
    private final List<String> awsInstances = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;
    private int counter;

    public EmulatorProvisioner(Emulator emulator, String bootstrapServers) throws Exception {
        this.emulator = emulator;
        this.ec2 = Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(emulator.awsEndpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().build()).build();
        this.gce = InstancesClient.create(InstancesSettings.newBuilder().setEndpoint(emulator.gcpEndpoint())
                .setCredentialsProvider(NoCredentialsProvider.create()).build());
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PROVISIONING_INTENTS, Duration.ofSeconds(10)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now: only intents published from here on count
        loop = new Thread(this::run, "emulator-provisioner");
        loop.setDaemon(true);
        loop.start();
    }

    private String joinLine(String pool) {
        String json = "{\"apiServer\":\"" + emulator.kubeUrl() + "\",\"token\":\"test-token\",\"pool\":\"" + pool + "\"}";
        return "SKYBRIDGE_JOIN=" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Boots {@code count} EC2 VMs of {@code pool} that join the cluster. */
    public void bootAws(String pool, String zone, String machineType, int count) {
        String userData = "#!/bin/bash\n" + joinLine(pool) + "\n";
        ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").instanceType(machineType).minCount(count).maxCount(count)
                .placement(pl -> pl.availabilityZone(zone))
                .userData(Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8))))
                .instances().forEach(i -> awsInstances.add(i.instanceId()));
    }

    /** Boots one Compute Engine VM of {@code pool} that joins the cluster. */
    public void bootGcp(String pool, String zone, String machineType) throws Exception {
        launchGcp(pool, zone, machineType).get();
    }

    /** Starts booting one Compute Engine VM (the future completes when the VM runs: the boot delay). */
    private synchronized java.util.concurrent.Future<?> launchGcp(String pool, String zone, String machineType) {
        String name = pool + "-" + (counter++);
        java.util.concurrent.Future<?> op = gce.insertAsync(PROJECT, zone, Instance.newBuilder().setName(name)
                .setMachineType("zones/" + zone + "/machineTypes/" + machineType)
                .addDisks(AttachedDisk.newBuilder().setBoot(true).setAutoDelete(true).setInitializeParams(
                        AttachedDiskInitializeParams.newBuilder().setSourceImage("projects/debian-cloud/global/images/family/debian-12")))
                .addNetworkInterfaces(NetworkInterface.newBuilder().setSubnetwork("regions/us-central1/subnetworks/skybridge-nodes"))
                .setMetadata(Metadata.newBuilder().addItems(Items.newBuilder().setKey("startup-script")
                        .setValue("#!/bin/bash\n" + joinLine(pool) + "\n")))
                .build());
        gcpPools.computeIfAbsent(pool, k -> Collections.synchronizedList(new ArrayList<>())).add(new String[]{zone, name});
        return op;
    }

    /** Every scale intent seen since this provisioner started. */
    public List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private void run() {
        while (running) {
            try {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (!"io.skybridge.provisioning.NodePoolScaleRequested.v1".equals(TestBus.header(r, CloudEventHeaders.TYPE))) {
                        continue;
                    }
                    NodePoolScaleRequested intent = ContractJson.mapper().readValue(r.value(), NodePoolScaleRequested.class);
                    String id = TestBus.header(r, CloudEventHeaders.ID);
                    seen.add(new Seen(id, TestBus.header(r, CloudEventHeaders.CORRELATION_ID), intent));
                    if (processed.add(id) && "gcp".equals(intent.cloud())) {
                        scaleGcp(intent);
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException | org.apache.kafka.common.errors.InterruptException e) {
                return;
            } catch (Exception e) {
                if (running) {
                    System.err.println("emulator-provisioner: " + e);
                }
            }
        }
    }

    private void scaleGcp(NodePoolScaleRequested intent) throws Exception {
        List<String[]> vms = gcpPools.computeIfAbsent(intent.poolId(), k -> Collections.synchronizedList(new ArrayList<>()));
        List<java.util.concurrent.Future<?>> launching = new ArrayList<>();
        while (vms.size() < intent.desired()) { // all at once, as provisioning's batch launch does
            String zone = intent.zones().get(vms.size() % intent.zones().size());
            launching.add(launchGcp(intent.poolId(), zone, intent.machineType()));
        }
        for (java.util.concurrent.Future<?> f : launching) {
            f.get();
        }
        while (vms.size() > intent.desired()) {
            String[] youngest = vms.remove(vms.size() - 1);
            gce.deleteAsync(PROJECT, youngest[0], youngest[1]).get();
        }
    }

    /**
     * Terminates every VM this provisioner booted (their Nodes leave the cluster with them), so that the next test
     * class plans against its own estate only.
     */
    public void removeAll() throws Exception {
        synchronized (awsInstances) {
            if (!awsInstances.isEmpty()) {
                ec2.terminateInstances(r -> r.instanceIds(awsInstances));
                awsInstances.clear();
            }
        }
        for (List<String[]> vms : gcpPools.values()) {
            synchronized (vms) {
                for (String[] vm : vms) {
                    gce.deleteAsync(PROJECT, vm[0], vm[1]).get();
                }
                vms.clear();
            }
        }
    }

    @Override
    public void close() {
        try {
            removeAll();
        } catch (Exception e) {
            System.err.println("emulator-provisioner: could not remove its VMs: " + e);
        }
        running = false;
        consumer.wakeup();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        gce.close();
        ec2.close();
    }
}

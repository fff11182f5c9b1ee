package io.skybridge.provisioning;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.ListInstancesRequest;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.skybridge.contracts.CloudEventHeaders;
import io.skybridge.contracts.Topics;
import io.skybridge.emulator.Emulator;
import io.skybridge.testing.SkybridgeWithClouds;
import io.skybridge.testing.TestBus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.skybridge.testing.TestBus.header;

/** The test's own view of the world: plain SDK clients on the emulator, fabric8 on its Kubernetes API, the bus. */
final class ProvisioningClients implements AutoCloseable {
    final TestBus bus = TestBus.onSharedBroker();
    final Ec2Client ec2;
    final InstancesClient gce;
    final KubernetesClient kube;

    ProvisioningClients() throws IOException {
        Emulator emu = SkybridgeWithClouds.emulator();
        ec2 = Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(emu.awsEndpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().build()).build();
        gce = InstancesClient.create(InstancesSettings.newBuilder().setEndpoint(emu.gcpEndpoint())
                .setCredentialsProvider(NoCredentialsProvider.create()).build());
        kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(emu.kubeUrl()).build()).build();
    }

    /** Events of a type about a pool's nodes (key = node id, which starts with the pool id). */
    List<ConsumerRecord<String, byte[]>> events(String poolId, String type, Duration window) {
        return bus.collect(Topics.PROVISIONING_EVENTS, r -> r.key() != null && r.key().startsWith(poolId + "-")
                && ("io.skybridge.provisioning." + type + ".v1").equals(header(r, CloudEventHeaders.TYPE)), window);
    }

    /** Waits until at least {@code count} such events are out. */
    List<ConsumerRecord<String, byte[]>> awaitEvents(String poolId, String type, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> found = List.of();
        while (System.nanoTime() < deadline) {
            found = events(poolId, type, Duration.ofMillis(400));
            if (found.size() >= count) {
                return found;
            }
        }
        throw new AssertionError("expected " + count + " " + type + " of pool " + poolId + " within " + timeout
                + ", saw " + found.size());
    }

    /** EC2 instances of the pool that are pending or running. */
    List<software.amazon.awssdk.services.ec2.model.Instance> awsVms(String poolId) {
        return ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:skybridge:pool").values(poolId).build(),
                        Filter.builder().name("instance-state-name").values("pending", "running").build()))
                .reservations().stream().flatMap(res -> res.instances().stream()).toList();
    }

    /** Compute Engine instances of the pool that are not being deleted, across the zones. */
    List<Instance> gcpVms(String poolId, List<String> zones) {
        List<Instance> all = new ArrayList<>();
        for (String zone : zones) {
            gce.list(ListInstancesRequest.newBuilder().setProject("skybridge-demo").setZone(zone)
                    .setFilter("labels.skybridge-pool = " + poolId).build()).iterateAll().forEach(i -> {
                if (List.of("PROVISIONING", "STAGING", "RUNNING").contains(i.getStatus())) {
                    all.add(i);
                }
            });
        }
        return all;
    }

    /** Ready Nodes of the pool, as the Kubernetes API shows them. */
    List<Node> readyNodes(String poolId) {
        return kube.nodes().withLabel("skybridge.io/node-pool", poolId).list().getItems().stream()
                .filter(n -> n.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .toList();
    }

    @Override
    public void close() {
        bus.close();
        ec2.close();
        gce.close();
        kube.close();
    }
}

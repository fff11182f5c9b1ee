package io.skybridge.emulator.world;

import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.NetworksSettings;
import com.google.api.gax.core.NoCredentialsProvider;
import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.EmulatorConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorldSpecTest {
    static final String OTHER_WORLD = """
        aws:
          accountId: "999999999999"
          defaultRegion: eu-west-1
          regions:
            eu-west-1: [eu-west-1a, eu-west-1b]
          vpcs:
            - region: eu-west-1
              cidr: 10.50.0.0/16
              subnets:
                - {zone: eu-west-1b, cidr: 10.50.8.0/24}
          instanceTypes:
            - {name: x1.tiny, vcpus: 1, memoryMiB: 512}
        gcp:
          project: other-proj
          regions:
            europe-west4: [europe-west4-a]
          networks:
            - name: lab
              cidr: 10.60.0.0/16
              subnetworks:
                - {name: lab-a, region: europe-west4, cidr: 10.60.1.0/24}
          machineTypes:
            - {name: tiny-1, vcpus: 1, memoryMiB: 1024}
        """;

    @Test
    void shouldSeedTheDemoWorldFromTheBuiltInYaml() {
        WorldSpec w = WorldSpec.defaults();
        assertEquals("10.200.0.0/16", w.aws.vpcs.get(0).cidr);
        assertEquals("us-east-1", w.aws.vpcs.get(0).region);
        assertEquals(3, w.aws.vpcs.get(0).subnets.size());
        assertEquals("skybridge-demo", w.gcp.project);
        assertEquals("10.201.0.0/16", w.gcp.networks.get(0).cidr);
        assertTrue(w.gcp.networks.get(0).subnetworks.stream().allMatch(s -> s.region.equals("us-central1")));
        assertTrue(w.aws.instanceTypes.stream().anyMatch(t -> t.name.equals("m5.large") && t.vcpus == 2 && t.memoryMiB == 8192));
        assertTrue(w.gcp.machineTypes.stream().anyMatch(t -> t.name.equals("e2-standard-4") && t.vcpus == 4));
    }

    @Test
    void shouldServeAWorldLoadedFromYaml() throws Exception {
        try (Emulator emu = Emulator.start(EmulatorConfig.forTests().world(WorldSpec.parse(OTHER_WORLD)));
             Ec2Client ec2 = Ec2Client.builder().endpointOverride(emu.awsEndpoint()).region(Region.EU_WEST_1)
                 .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                 .httpClient(UrlConnectionHttpClient.create()).build();
             NetworksClient networks = NetworksClient.create(NetworksSettings.newBuilder().setEndpoint(emu.gcpEndpoint())
                 .setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            assertEquals("10.50.0.0/16", ec2.describeVpcs().vpcs().get(0).cidrBlock());
            var launched = ec2.runInstances(b -> b.imageId("ami-12345678").instanceType("x1.tiny").minCount(1).maxCount(1)).instances().get(0);
            assertEquals("eu-west-1b", launched.placement().availabilityZone());
            assertTrue(launched.privateIpAddress().startsWith("10.50.8."));
            assertEquals("999999999999", ec2.describeInstances().reservations().get(0).ownerId());
            assertEquals(512L, ec2.describeInstanceTypes(b -> { }).instanceTypes().get(0).memoryInfo().sizeInMiB());
            assertEquals(1, networks.get("other-proj", "lab").getSubnetworksCount());
            assertThrows(com.google.api.gax.rpc.NotFoundException.class, () -> networks.get("skybridge-demo", "skybridge-vpc"));
        }
    }

    @Test
    void shouldRejectAnInconsistentWorld() {
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
            () -> WorldSpec.parse(OTHER_WORLD.replace("10.50.8.0/24", "10.99.8.0/24")));
        assertTrue(outside.getMessage().contains("outside VPC"), outside.getMessage());
        IllegalArgumentException zone = assertThrows(IllegalArgumentException.class,
            () -> WorldSpec.parse(OTHER_WORLD.replace("zone: eu-west-1b", "zone: us-east-1a")));
        assertTrue(zone.getMessage().contains("us-east-1a"), zone.getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
            () -> WorldSpec.parse(OTHER_WORLD.replace("accountId", "acountId")));
        assertTrue(typo.getMessage().contains("acountId"), typo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WorldSpec.parse(OTHER_WORLD.replace("10.50.0.0/16", "10.50.0.1/16")));
    }

    @Test
    void shouldParseCidrsAndAllocateAddressesWithoutReuse() {
        Cidr c = Cidr.parse("10.201.0.0/30");
        assertEquals(4, c.size());
        IpPool pool = new IpPool(Cidr.parse("10.0.0.0/29"), 2);
        List<String> got = new java.util.ArrayList<>();
        for (String ip; (ip = pool.allocate()) != null; ) {
            got.add(ip);
        }
        assertEquals(List.of("10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"), got);
        pool.release("10.0.0.4");
        assertEquals("10.0.0.4", pool.allocate());
    }
}

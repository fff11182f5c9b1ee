package io.skybridge.inventory.service;

import io.skybridge.inventory.cloud.Vm;
import io.skybridge.inventory.cloud.VmListing;
import io.skybridge.inventory.domain.Drift;
import io.skybridge.inventory.domain.NodeObservation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriftDetectorTest {

    private static NodeObservation node(String id, String cloud, String region, String instance) {
        NodeObservation n = CapacityCalculatorTest.node(id, region, null, "READY", false, 0, 0, 0, 0);
        n.cloud = cloud;
        n.instanceId = instance;
        return n;
    }

    @Test
    void reportsUnrequestedVmsAndNodesWithoutVm() {
        VmListing aws = new VmListing("aws", List.of("us-east-1"), List.of(
                new Vm("aws", "us-east-1", "us-east-1a", "i-1", "i-1", "running"),
                new Vm("aws", "us-east-1", "us-east-1a", "i-2", "i-2", "running")), null);
        VmListing gcp = new VmListing("gcp", null, List.of(
                new Vm("gcp", "us-central1", "us-central1-a", "123", "web-1", "RUNNING")), null);
        List<Drift> found = DriftDetector.findings(List.of(aws, gcp), Set.of("i-1", "web-1"), List.of(
                node("i-1", "aws", "us-east-1", "i-1"),
                node("ghost", "aws", "us-east-1", "i-9"),
                node("elsewhere", "aws", "eu-west-1", "i-8"),   // region not listed: no conclusion
                node("web-1", "gcp", "us-central1", "web-1")));
        assertEquals(List.of("UNREQUESTED_VM:aws:i-2", "NODE_WITHOUT_VM:aws:ghost"),
                found.stream().map(d -> d.id).toList());
    }

    @Test
    void aCloudThatCouldNotBeListedYieldsNothing() {
        VmListing dark = new VmListing("gcp", null, List.of(), "503 Unavailable");
        assertTrue(DriftDetector.findings(List.of(dark), Set.of(), List.of(node("n", "gcp", "us-central1", "n"))).isEmpty());
    }
}

package io.skybridge.cli.demo;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DemoWorkloadTest {
    @Test
    void workloadsAreManagedPinnedAndCarryTheirFailoverPolicy() {
        Deployment d = new DemoWorkload("web", 3, "500m", "512Mi", 100, "aws").toDeployment();
        assertEquals("true", d.getMetadata().getLabels().get("skybridge.io/managed"));
        assertEquals("100", d.getMetadata().getAnnotations().get("skybridge.io/priority"));
        assertEquals("aws", d.getMetadata().getAnnotations().get("skybridge.io/preferred-cloud"));
        assertEquals("aws,gcp", d.getMetadata().getAnnotations().get("skybridge.io/allowed-clouds"));
        assertEquals(Map.of("skybridge.io/cloud", "aws"), d.getSpec().getTemplate().getSpec().getNodeSelector());
        assertEquals(3, d.getSpec().getReplicas());
        assertEquals("500m", d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests().get("cpu").toString());
        assertEquals(d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void theDemoEstateSpansBothCloudsWithAGcpDeficitAfterAnAwsLoss() {
        assertEquals(3, DemoWorkload.ALL.stream().filter(w -> w.cloud().equals("aws")).count());
        assertEquals(1, DemoWorkload.ALL.stream().filter(w -> w.cloud().equals("gcp")).count());
        assertEquals(9, DemoWorkload.ALL.stream().mapToInt(DemoWorkload::replicas).sum());
    }
}

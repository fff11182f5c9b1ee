package io.skybridge.cli.demo;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.List;
import java.util.Map;

/** One managed workload of the demo: a Deployment pinned to its preferred cloud, with a failover priority. */
public record DemoWorkload(String name, int replicas, String cpu, String memory, int priority, String cloud) {
    public static final String NAMESPACE = "demo";

    /** Nine replicas over four workloads: three on AWS, one on GCP. */
    public static final List<DemoWorkload> ALL = List.of(
            new DemoWorkload("web", 3, "500m", "512Mi", 100, "aws"),
            new DemoWorkload("api", 2, "500m", "512Mi", 50, "aws"),
            new DemoWorkload("worker", 2, "250m", "256Mi", 10, "aws"),
            new DemoWorkload("cache", 2, "250m", "256Mi", 80, "gcp"));

    public String id() {
        return NAMESPACE + "/Deployment/" + name;
    }

    public Deployment toDeployment() {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .withLabels(Map.of("skybridge.io/managed", "true", "app", name))
                .withAnnotations(Map.of("skybridge.io/priority", Integer.toString(priority),
                        "skybridge.io/preferred-cloud", cloud, "skybridge.io/allowed-clouds", "aws,gcp"))
                .endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().withNodeSelector(Map.of("skybridge.io/cloud", cloud))
                .addNewContainer().withName(name).withImage("nginx:1.27").withNewResources()
                .withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory))).endResources()
                .endContainer()
                .endSpec().endTemplate().endSpec().build();
    }
}

package io.skybridge.provisioning.cloud;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The {@link ComputeApi} of a cloud by name. */
@ApplicationScoped
public class Clouds {
    @Inject
    Ec2Compute aws;

    @Inject
    GceCompute gcp;

    public ComputeApi of(String cloud) {
        return switch (cloud) {
            case "aws" -> aws;
            case "gcp" -> gcp;
            default -> throw new IllegalArgumentException("unknown cloud " + cloud);
        };
    }
}

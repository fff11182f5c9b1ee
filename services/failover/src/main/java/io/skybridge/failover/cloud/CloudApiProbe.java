package io.skybridge.failover.cloud;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.NetworksSettings;
import io.skybridge.failover.config.ProberConfig;
import io.skybridge.shared.cloud.CloudClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Cheap read calls against each cloud's API through the real SDKs, with one attempt and a short
 * timeout: a dark cloud must show up as a failed probe within seconds, not after SDK retry loops.
 */
@ApplicationScoped
public class CloudApiProbe {

    /**
     * @param healthy   whether the API answered
     * @param detail    why not
     * @param startedAt when the call was made: a failure is evidence from that moment (a call that hung for the
     *                  whole timeout says the API was not answering when it was asked)
     */
    public record Result(boolean healthy, long latencyMillis, String detail, Instant startedAt) {
    }

    private final ProberConfig config;
    private volatile Ec2Client ec2;
    private volatile NetworksClient networks;

    public CloudApiProbe(ProberConfig config) {
        this.config = config;
    }

    public Result probe(String cloud) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        try {
            if ("aws".equals(cloud)) {
                ec2().describeAvailabilityZones();
            } else {
                networks().list(config.gcpProject()).getPage().getValues();
            }
            return new Result(true, (System.nanoTime() - start) / 1_000_000, null, startedAt);
        } catch (RuntimeException e) {
            String detail = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage());
            return new Result(false, (System.nanoTime() - start) / 1_000_000,
                    detail.length() > 500 ? detail.substring(0, 500) : detail, startedAt);
        }
    }

    private Ec2Client ec2() {
        if (ec2 == null) {
            synchronized (this) {
                if (ec2 == null) {
                    ec2 = CloudClients.ec2(config.awsRegion(), config.awsEndpoint(), config.clientName(),
                            config.timeout(), config.timeout(), o -> o.retryStrategy(RetryMode.STANDARD)
                                    .retryStrategy(s -> s.maxAttempts(1)).apiCallTimeout(config.timeout()));
                }
            }
        }
        return ec2;
    }

    private NetworksClient networks() {
        if (networks == null) {
            synchronized (this) {
                if (networks == null) {
                    try {
                        NetworksSettings.Builder b = CloudClients.gce(NetworksSettings.newBuilder(), config.gcpEndpoint(),
                                config.gcpCredentials(), CloudClients.COMPUTE_READONLY_SCOPE, config.clientName());
                        Duration t = config.timeout();
                        b.applyToAllUnaryMethods(s -> {
                            s.setRetrySettings(RetrySettings.newBuilder().setMaxAttempts(1)
                                    .setInitialRpcTimeoutDuration(t).setMaxRpcTimeoutDuration(t).setRpcTimeoutMultiplier(1.0)
                                    .setTotalTimeoutDuration(t).build());
                            return null;
                        });
                        networks = NetworksClient.create(b.build());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return networks;
    }

    @PreDestroy
    void close() {
        if (ec2 != null) {
            ec2.close();
        }
        if (networks != null) {
            networks.close();
        }
    }
}
